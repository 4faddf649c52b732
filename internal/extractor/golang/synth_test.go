package golang

import (
	"bytes"
	"context"
	"encoding/binary"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
)

// The helpers here write a minimal little-endian ELF64 executable by hand,
// with the two things the Go extractor reads: a .go.buildinfo blob in the
// 1.18+ inline format and a Go 1.20+ pclntab. They give the fuzz target
// small seeds that reach deep into both readers, and a test of the table
// reader that does not depend on the go command.

const elfBase = 0x400000

// synthBuildInfo is the .go.buildinfo blob: 32-byte header, then the Go
// version and the module info as varint-prefixed strings.
func synthBuildInfo(goVersion, modinfo string) []byte {
	var b bytes.Buffer
	b.WriteString("\xff Go buildinf:")
	b.WriteByte(8)   // pointer size
	b.WriteByte(0x2) // flags: inline strings, little endian
	b.Write(make([]byte, 16))
	for _, s := range []string{goVersion, "0w\xaf\x0c\x92t\b\x02A\xe1\xc1\a\xe6\xd6\x18\xe6" + modinfo + "\xf92C1\x86\x18 r\x00\x82B\x10A\x16\xd8\xf2"} {
		b.Write(binary.AppendUvarint(nil, uint64(len(s))))
		b.WriteString(s)
	}
	return b.Bytes()
}

// synthPclntab is a Go 1.20 function table naming funcs. When inlined is
// not empty, the first function gets an inline tree naming those: its
// PCDATA_InlTreeIndex table and its FUNCDATA_InlTree offset (0 into the
// blob that synthInlTree writes) are set.
func synthPclntab(funcs, inlined []string) []byte {
	le := binary.LittleEndian
	var names []byte
	nameOff := make([]uint32, len(funcs))
	for i, f := range funcs {
		nameOff[i] = uint32(len(names))
		names = append(append(names, f...), 0)
	}
	for _, f := range inlined {
		names = append(append(names, f...), 0)
	}
	// pctab: a dummy byte (offset 0 means "no table"), then the inline
	// index table: values 0, 1, … one per inlined function.
	pctab := []byte{0}
	for range inlined {
		pctab = append(pctab, 2, 4) // value +1 (zig-zag 2), pc +4
	}
	pctab = append(pctab, 0)
	const hdr = 8 + 8*8
	namesAt := hdr
	pctabAt := namesAt + len(names)
	pclnAt := pctabAt + len(pctab)
	h := make([]byte, hdr)
	le.PutUint32(h, 0xfffffff1)
	h[6], h[7] = 1, 8
	for i, v := range []uint64{uint64(len(funcs)), 0, elfBase + 0x1000, uint64(namesAt), uint64(pctabAt), uint64(pctabAt), uint64(pctabAt), uint64(pclnAt)} {
		le.PutUint64(h[8+8*i:], v)
	}
	ftab := make([]byte, (2*len(funcs)+1)*4)
	var fdata []byte
	for i := range funcs {
		f := make([]byte, 44)
		le.PutUint32(f, uint32(16*i))
		le.PutUint32(f[4:], nameOff[i])
		if i == 0 && len(inlined) > 0 {
			le.PutUint32(f[28:], 3) // npcdata
			f[43] = 4               // nfuncdata
			f = le.AppendUint32(le.AppendUint32(le.AppendUint32(f, 0), 0), 1)
			f = le.AppendUint32(le.AppendUint32(le.AppendUint32(le.AppendUint32(f, ^uint32(0)), ^uint32(0)), ^uint32(0)), 0)
		}
		le.PutUint32(ftab[8*i:], uint32(16*i))
		le.PutUint32(ftab[8*i+4:], uint32(len(ftab)+len(fdata)))
		fdata = append(fdata, f...)
	}
	le.PutUint32(ftab[8*len(funcs):], uint32(16*len(funcs)))
	out := append(h, names...)
	out = append(out, pctab...)
	out = append(out, ftab...)
	return append(out, fdata...)
}

// synthInlTree is the funcdata blob holding one inline tree whose entries
// name inlined, given the name table offset where synthPclntab put them.
func synthInlTree(funcs, inlined []string) []byte {
	off := 0
	for _, f := range funcs {
		off += len(f) + 1
	}
	var blob []byte
	for _, f := range inlined {
		e := make([]byte, 16)
		binary.LittleEndian.PutUint32(e[4:], uint32(off))
		blob = append(blob, e...)
		off += len(f) + 1
	}
	return blob
}

// synthModuledata is the runtime's moduledata as far as the inline reader
// looks: the pclntab and name table addresses, rodata and gofunc.
func synthModuledata(pclntab, nameTab, rodata, gofunc uint64) []byte {
	md := make([]byte, 8*(moduledataGofunc+8))
	binary.LittleEndian.PutUint64(md, pclntab)
	binary.LittleEndian.PutUint64(md[8:], nameTab)
	binary.LittleEndian.PutUint64(md[8*(moduledataGofunc-1):], rodata)
	binary.LittleEndian.PutUint64(md[8*moduledataGofunc:], gofunc)
	return md
}

// synthELF lays out an ELF64 file whose sections are all mapped by one
// PT_LOAD segment at elfBase.
func synthELF(sections map[string][]byte, order []string) []byte {
	b, _ := synthELFAddrs(sections, order)
	return b
}

// synthELFAddrs is synthELF, also returning each section's address.
func synthELFAddrs(sections map[string][]byte, order []string) ([]byte, map[string]uint64) {
	le := binary.LittleEndian
	const ehdr, phdr, shdr = 64, 56, 64
	body := make([]byte, ehdr+phdr)
	type sec struct {
		name      string
		off, size int
		nameOff   int
		typ       uint32
	}
	shstr := []byte{0}
	var secs []sec
	addrs := map[string]uint64{}
	for _, name := range append(order, ".shstrtab") {
		for len(body)%16 != 0 {
			body = append(body, 0)
		}
		data := sections[name]
		typ := uint32(1) // PROGBITS
		if name == ".shstrtab" {
			typ = 3 // STRTAB
		}
		s := sec{name: name, off: len(body), nameOff: len(shstr), typ: typ}
		shstr = append(append(shstr, name...), 0)
		if name == ".shstrtab" {
			data = shstr
		}
		s.size = len(data)
		body = append(body, data...)
		secs = append(secs, s)
		addrs[name] = uint64(elfBase + s.off)
	}
	for len(body)%8 != 0 {
		body = append(body, 0)
	}
	shoff := len(body)
	sh := make([]byte, shdr*(len(secs)+1))
	for i, s := range secs {
		e := sh[shdr*(i+1):]
		le.PutUint32(e[0:], uint32(s.nameOff))
		le.PutUint32(e[4:], s.typ)
		if s.typ == 1 {
			le.PutUint64(e[8:], 2) // SHF_ALLOC
			le.PutUint64(e[16:], uint64(elfBase+s.off))
		}
		le.PutUint64(e[24:], uint64(s.off))
		le.PutUint64(e[32:], uint64(s.size))
		le.PutUint64(e[48:], 1)
	}
	body = append(body, sh...)

	copy(body, "\x7fELF\x02\x01\x01")
	le.PutUint16(body[16:], 2)  // ET_EXEC
	le.PutUint16(body[18:], 62) // EM_X86_64
	le.PutUint32(body[20:], 1)
	le.PutUint64(body[32:], ehdr) // phoff
	le.PutUint64(body[40:], uint64(shoff))
	le.PutUint16(body[52:], ehdr)
	le.PutUint16(body[54:], phdr)
	le.PutUint16(body[56:], 1)
	le.PutUint16(body[58:], shdr)
	le.PutUint16(body[60:], uint16(len(secs)+1))
	le.PutUint16(body[62:], uint16(len(secs))) // .shstrtab is last
	p := body[ehdr:]
	le.PutUint32(p[0:], 1)   // PT_LOAD
	le.PutUint32(p[4:], 4|2) // PF_R|PF_W
	le.PutUint64(p[16:], elfBase)
	le.PutUint64(p[24:], elfBase)
	le.PutUint64(p[32:], uint64(shoff))
	le.PutUint64(p[40:], uint64(shoff))
	le.PutUint64(p[48:], 0x1000)
	return body, addrs
}

const synthModinfo = "path\texample.com/tool\n" +
	"mod\texample.com/tool\tv0.9.0\th1:toolsum=\n" +
	"dep\tgithub.com/a/b\tv1.2.0\th1:absum=\n" +
	"dep\tgithub.com/old/c\tv0.1.0\th1:csum=\n" +
	"=>\tgithub.com/new/c\tv0.1.1\th1:newcsum=\n" +
	"build\tvcs.revision=0123456789abcdef0123456789abcdef01234567\n"

// synthGoBinary is a small Go executable: build information, a function
// table, and an inline tree that adds github.com/a/b.Small and
// fmt.Println, found through moduledata in .go.module.
func synthGoBinary() []byte {
	funcs := []string{
		"runtime.main", "main.main", "example.com/tool/internal/run.Run",
		"github.com/a/b.(*Client).Do", "github.com/a/b.Parse.func1", "github.com/a/b/sub.New",
		"github.com/old/c.Decode", "type:.eq.[2]string", "unclaimed.example/x.F",
	}
	inlined := []string{"github.com/a/b.Small", "fmt.Println"}
	order := []string{".go.buildinfo", ".gopclntab", ".rodata", ".go.module"}
	secs := map[string][]byte{
		".go.buildinfo": synthBuildInfo("go1.23.4 X:rangefunc", synthModinfo),
		".gopclntab":    synthPclntab(funcs, inlined),
		".rodata":       synthInlTree(funcs, inlined),
		".go.module":    synthModuledata(0, 0, 0, 0),
	}
	_, addrs := synthELFAddrs(secs, order) // sections before .go.module do not move
	secs[".go.module"] = synthModuledata(addrs[".gopclntab"], addrs[".gopclntab"]+8+8*8, addrs[".rodata"], addrs[".rodata"])
	return synthELF(secs, order)
}

func TestBinarySynthetic(t *testing.T) {
	data := synthGoBinary()
	pkgs, err := binaryExtractor{}.Extract(context.Background(), &extractor.File{
		Path: "usr/bin/tool", Mode: 0o755, Reader: bytes.NewReader(data),
	})
	if err != nil {
		t.Fatal(err)
	}
	extractortest.Golden(t, filepath.Join("testdata", "golden", "binary-synthetic.json"), pkgs)
	want := map[string]struct{ version, symbols string }{
		"example.com/tool": {"v0.9.0", "example.com/tool/internal/run.Run\nmain.main"},
		"github.com/a/b":   {"v1.2.0", "github.com/a/b.Client.Do\ngithub.com/a/b.Parse\ngithub.com/a/b.Small\ngithub.com/a/b/sub.New"},
		"github.com/new/c": {"v0.1.1", "github.com/old/c.Decode"},
		"stdlib":           {"1.23.4", "fmt.Println\nruntime.main"},
	}
	if len(pkgs) != len(want) {
		t.Fatalf("got %d packages, want %d", len(pkgs), len(want))
	}
	for _, p := range pkgs {
		w, ok := want[p.Name]
		if !ok || p.Version != w.version || p.Metadata["go.symbols"] != w.symbols {
			t.Errorf("%s %s: symbols %q; want %+v", p.Name, p.Version, p.Metadata["go.symbols"], w)
		}
	}
	if c := byName(pkgs, "github.com/new/c"); c.Metadata["go.replaces"] != "github.com/old/c" || c.Metadata["go.sum"] != "h1:newcsum=" {
		t.Errorf("replaced module: %v", c.Metadata)
	}
	if m := byName(pkgs, "example.com/tool"); m.Commit != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("main module commit %q", m.Commit)
	}
}
