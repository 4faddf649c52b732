package inventory_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/image"
	it "github.com/vouch-dev/vouch/internal/image/imagetest"
	"github.com/vouch-dev/vouch/internal/inventory"
)

// BenchmarkImage inventories a 1 GiB image (4 layers of 256 MiB, gzipped)
// from an OCI layout: mostly random, incompressible files no extractor
// wants, plus a dpkg database rewritten by a later layer, a few hundred
// small lockfiles and one 16 MiB lockfile that is spooled to disk. It
// reports the peak Go heap and the peak resident set of the whole run
// besides ns/op. Building the layout takes a while; -short skips it.
//
//	go test -run '^$' -bench BenchmarkImage -benchtime 3x ./internal/inventory
func BenchmarkImage(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 1 GiB image")
	}
	const (
		layers    = 4
		layerSize = 256 << 20
		fileSize  = 1 << 20
	)
	dir := b.TempDir()
	w, err := it.NewLayoutWriter(dir)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.NewChaCha8([32]byte{1})
	buf := make([]byte, fileSize)
	status := ""
	for l := 0; l < layers; l++ {
		err := w.AddLayer(gzip.NoCompression, func(tw *tar.Writer) error {
			add := func(name string, body []byte) error {
				if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(body))}); err != nil {
					return err
				}
				_, err := tw.Write(body)
				return err
			}
			if l == 0 {
				if err := add("etc/os-release", []byte(debianOSRelease)); err != nil {
					return err
				}
			}
			// Every layer rewrites the dpkg database, as apt-get does.
			for i := 0; i < 100; i++ {
				status += stanza(fmt.Sprintf("pkg-%d-%d", l, i), "1."+strconv.Itoa(i)+"-1", "src"+strconv.Itoa(i%7))
			}
			if err := add("var/lib/dpkg/status", []byte(status)); err != nil {
				return err
			}
			for i := 0; i < 100; i++ {
				if err := add(fmt.Sprintf("srv/app%d/mod%d/deps.pins", l, i), []byte(fmt.Sprintf("lib-%d-%d 1.0.%d\n", l, i, i))); err != nil {
					return err
				}
			}
			if l == 2 {
				big := strings.Repeat("# a long lockfile, spooled to disk\n", 16<<20/35) + "big 1.0.0\n"
				if err := add("srv/big.pins", []byte(big)); err != nil {
					return err
				}
			}
			for i := 0; i < layerSize/fileSize; i++ {
				rng.Read(buf)
				if err := add(fmt.Sprintf("usr/share/blob%d/%04d.bin", l, i), buf); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Finish("linux/amd64"); err != nil {
		b.Fatal(err)
	}

	b.Run("1GiB", func(b *testing.B) {
		resetPeakRSS()
		peak := sampleHeap()
		cpu0 := cpuTime()
		b.ResetTimer()
		var pkgs int
		for i := 0; i < b.N; i++ {
			im, err := image.Open(context.Background(), dir, image.Options{})
			if err != nil {
				b.Fatal(err)
			}
			inv, errs, err := inventory.Image(context.Background(), im, inventory.Options{Extractors: testExtractors()})
			im.Close()
			if err != nil || len(errs) > 0 {
				b.Fatal(err, errs)
			}
			pkgs = len(inv.Packages)
		}
		b.StopTimer()
		cpu := cpuTime() - cpu0
		heap := peak()
		if pkgs != 4*100+4*100+1 {
			b.Fatalf("%d packages", pkgs)
		}
		b.SetBytes(layers * layerSize)
		b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
		// CPU time says more than wall time on a shared machine.
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		if rss := peakRSS(); rss > 0 {
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
		}
	})
}

// sampleHeap watches the Go heap (live and not yet swept objects) until
// the returned function is called, and returns the highest value seen.
func sampleHeap() func() uint64 {
	var (
		mu   sync.Mutex
		max  uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			max = maxU(max, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return max
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS restarts the kernel's resident-set high-water mark
// (Linux: writing 5 to clear_refs), so that building the image does not
// count.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM from /proc/self/status, in bytes; 0 if unknown.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
