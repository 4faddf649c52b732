package cli

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// progress shows what a long run is doing on a terminal: one line on
// stderr, redrawn in place, erased when the run ends. It prints nothing
// when stderr is not a terminal, with --quiet, or with NO_COLOR's sibling
// convention VOUCH_NO_PROGRESS set.
type progress struct {
	mu     sync.Mutex
	on     bool
	out    *os.File
	phase  string
	start  time.Time
	stop   chan struct{}
	done   sync.WaitGroup
	frames []string
}

func (e *env) newProgress() *progress {
	p := &progress{start: time.Now(), stop: make(chan struct{}), frames: []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}}
	f, ok := e.stderr.(*os.File)
	if !ok || e.cfg.Quiet || e.getenv("VOUCH_NO_PROGRESS") != "" {
		return p
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return p
	}
	p.on, p.out = true, f
	p.done.Add(1)
	go p.loop()
	return p
}

// set changes the phase shown ("reading 240 lockfiles", "matching …").
func (p *progress) set(format string, args ...any) {
	if !p.on {
		return
	}
	p.mu.Lock()
	p.phase = fmt.Sprintf(format, args...)
	p.mu.Unlock()
}

func (p *progress) loop() {
	defer p.done.Done()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-p.stop:
			fmt.Fprint(p.out, "\r\033[K")
			return
		case <-t.C:
			if time.Since(p.start) < 300*time.Millisecond {
				continue // short runs never flash a line
			}
			p.mu.Lock()
			fmt.Fprintf(p.out, "\r\033[K%s %s (%s)", p.frames[i%len(p.frames)], p.phase, time.Since(p.start).Round(100*time.Millisecond))
			p.mu.Unlock()
		}
	}
}

// end erases the line; it is safe to call on a progress that never showed.
func (p *progress) end() {
	if !p.on {
		return
	}
	close(p.stop)
	p.done.Wait()
	p.on = false
}
