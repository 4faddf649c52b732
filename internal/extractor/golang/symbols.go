package golang

import (
	"bytes"
	"debug/elf"
	"debug/gosym"
	"debug/macho"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// maxPclntab caps the function table read from one binary.
const maxPclntab = 512 << 20

// funcNames returns the names of the functions in a Go executable's
// pclntab ("net/http.(*Client).Do", "main.main.func1"). Stripped binaries
// keep the pclntab. It returns nil and no error when the table is absent
// or in a format older than Go 1.2.
func funcNames(r io.ReaderAt, size int64) (names []string, err error) {
	defer func() {
		// debug/gosym trusts the table it is given; a crafted one must
		// cost the symbol list, not the process.
		if p := recover(); p != nil {
			names, err = nil, fmt.Errorf("malformed function table: %v", p)
		}
	}()
	t, err := pclntab(r, uint64(size))
	if err != nil || t == nil || t.data == nil {
		return nil, err
	}
	data := t.data
	if err := checkPclntab(data); err != nil {
		return nil, err
	}
	if names, ok := funcNames118(data); ok {
		return append(names, inlinedNames(t, uint64(size))...), nil
	}
	lt := gosym.NewLineTable(data, t.text)
	tab, err := gosym.NewTable(nil, lt)
	if err != nil {
		return nil, fmt.Errorf("read function table: %w", err)
	}
	if len(tab.Funcs) == 0 {
		return nil, nil
	}
	names = make([]string, 0, len(tab.Funcs))
	for i := range tab.Funcs {
		if s := tab.Funcs[i].Sym; s != nil {
			names = append(names, s.Name)
		}
	}
	return names, nil
}

// funcNames118 reads the function names of a Go 1.18+ table directly:
// debug/gosym builds a Func, a Sym and a file map for every function,
// which costs more than the names are worth here. It reports false for
// older tables and for tables whose offsets do not hold together.
func funcNames118(data []byte) ([]string, bool) {
	if len(data) < 8 {
		return nil, false
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(data)|1 == 0xfffffff1:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(data)|1 == 0xfffffff1:
		order = binary.BigEndian
	default:
		return nil, false
	}
	ptr := uint64(data[7])
	if ptr != 4 && ptr != 8 || uint64(len(data)) < 8+8*ptr {
		return nil, false
	}
	word := func(i uint64) uint64 {
		if ptr == 4 {
			return uint64(order.Uint32(data[8+i*4:]))
		}
		return order.Uint64(data[8+i*8:])
	}
	n := uint64(len(data))
	nfunc, nameAt, pclnAt := word(0), word(3), word(7)
	if nameAt > n || pclnAt > n || nfunc > (n-pclnAt)/8 {
		return nil, false
	}
	names := data[nameAt:]
	ftab := data[pclnAt:]
	out := make([]string, 0, nfunc)
	for i := uint64(0); i < nfunc; i++ {
		funcOff := uint64(order.Uint32(ftab[(2*i+1)*4:]))
		if funcOff+8 > uint64(len(ftab)) {
			return nil, false
		}
		nameOff := uint64(order.Uint32(ftab[funcOff+4:]))
		if nameOff >= uint64(len(names)) {
			return nil, false
		}
		end := bytes.IndexByte(names[nameOff:], 0)
		if end < 0 {
			return nil, false
		}
		out = append(out, string(names[nameOff:nameOff+uint64(end)]))
	}
	return out, true
}

// checkPclntab rejects a function table whose header claims more
// functions than its bytes can hold: debug/gosym allocates by the claim.
func checkPclntab(data []byte) error {
	if len(data) < 16 {
		return errors.New("function table is truncated")
	}
	ptr := uint64(data[7])
	if data[4] != 0 || data[5] != 0 || (ptr != 4 && ptr != 8) {
		return nil // not a table gosym reads: it yields no functions
	}
	var order binary.ByteOrder = binary.LittleEndian
	magic := order.Uint32(data)
	if magic&0xfffffff0 != 0xfffffff0 {
		order = binary.BigEndian
		magic = order.Uint32(data)
	}
	word := func(i uint64) (uint64, bool) {
		off := 8 + i*ptr
		if off+ptr > uint64(len(data)) {
			return 0, false
		}
		if ptr == 4 {
			return uint64(order.Uint32(data[off:])), true
		}
		return order.Uint64(data[off:]), true
	}
	nfunc, ok := word(0)
	if !ok {
		return errors.New("function table is truncated")
	}
	perFunc := 2 * ptr // Go 1.2 and 1.16: pointer-sized functab entries
	if magic == 0xfffffff0 || magic == 0xfffffff1 {
		perFunc = 8 // Go 1.18+: two uint32 offsets
	}
	if nfunc > uint64(len(data))/perFunc {
		return fmt.Errorf("function table claims %d functions in %d bytes", nfunc, len(data))
	}
	return nil
}

// exeTable is a Go function table and what lies around it: its address,
// the start of text, and the file's mapped regions, from which the inline
// reader finds the runtime's module data and the funcdata blob.
type exeTable struct {
	data    []byte
	addr    uint64
	text    uint64
	regions []region
}

// region is a section as it is mapped in memory.
type region struct {
	name       string
	addr, size uint64
	r          io.ReaderAt
}

// pclntab finds the Go function table in an ELF, Mach-O or PE file. The
// table is nil when there is none.
func pclntab(r io.ReaderAt, size uint64) (*exeTable, error) {
	head := make([]byte, 4)
	if _, err := r.ReadAt(head, 0); err != nil {
		return nil, err
	}
	switch {
	case string(head) == "\x7FELF":
		f, err := elf.NewFile(r)
		if err != nil {
			return nil, err
		}
		t := &exeTable{}
		for _, s := range f.Sections {
			if s.Flags&elf.SHF_ALLOC != 0 && s.Type != elf.SHT_NOBITS && s.Flags&elf.SHF_COMPRESSED == 0 {
				t.regions = append(t.regions, region{s.Name, s.Addr, s.Size, s})
			}
		}
		if s := f.Section(".text"); s != nil {
			t.text = s.Addr
		}
		for _, name := range []string{".gopclntab", ".data.rel.ro.gopclntab"} {
			if s := f.Section(name); s != nil && s.Type != elf.SHT_NOBITS {
				b, err := sectionData(s.Size, size, s.Open())
				t.data, t.addr = b, s.Addr
				return t, err
			}
		}
		return elfSymbolRange(f, t, size)
	case string(head[:2]) == "MZ":
		f, err := pe.NewFile(r)
		if err != nil {
			return nil, err
		}
		return peSymbolRange(f, size)
	case string(head) == "\xCA\xFE\xBA\xBE":
		ff, err := macho.NewFatFile(r)
		if err != nil || len(ff.Arches) == 0 {
			return nil, err
		}
		return machoPclntab(ff.Arches[0].File, size)
	default:
		f, err := macho.NewFile(r)
		if err != nil {
			return nil, err
		}
		return machoPclntab(f, size)
	}
}

func machoPclntab(f *macho.File, size uint64) (*exeTable, error) {
	t := &exeTable{}
	for _, s := range f.Sections {
		if s.Offset != 0 { // zero-fill sections have no file data
			t.regions = append(t.regions, region{s.Name, s.Addr, s.Size, s})
		}
	}
	if s := f.Section("__text"); s != nil {
		t.text = s.Addr
	}
	s := f.Section("__gopclntab")
	if s == nil {
		return nil, nil
	}
	b, err := sectionData(s.Size, size, s.Open())
	t.data, t.addr = b, s.Addr
	return t, err
}

// elfSymbolRange reads the table between runtime.pclntab and
// runtime.epclntab, where external linkers put it in some binaries.
func elfSymbolRange(f *elf.File, t *exeTable, size uint64) (*exeTable, error) {
	syms, err := f.Symbols()
	if err != nil {
		return nil, nil // stripped and no .gopclntab: nothing to read
	}
	var start, end uint64
	for _, s := range syms {
		switch s.Name {
		case "runtime.pclntab":
			start = s.Value
		case "runtime.epclntab":
			end = s.Value
		}
	}
	if start == 0 || end <= start {
		return nil, nil
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Vaddr <= start && end <= p.Vaddr+p.Filesz {
			b, err := sectionData(end-start, size, io.NewSectionReader(p, int64(start-p.Vaddr), int64(end-start)))
			t.data, t.addr = b, start
			return t, err
		}
	}
	return nil, nil
}

func peSymbolRange(f *pe.File, size uint64) (*exeTable, error) {
	var start, end *pe.Symbol
	for _, s := range f.Symbols {
		switch s.Name {
		case "runtime.pclntab":
			start = s
		case "runtime.epclntab":
			end = s
		}
	}
	if start == nil || end == nil || start.SectionNumber != end.SectionNumber ||
		start.SectionNumber < 1 || int(start.SectionNumber) > len(f.Sections) || end.Value <= start.Value {
		return nil, nil
	}
	var imageBase uint64
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader32:
		imageBase = uint64(oh.ImageBase)
	case *pe.OptionalHeader64:
		imageBase = oh.ImageBase
	}
	t := &exeTable{}
	for _, s := range f.Sections {
		t.regions = append(t.regions, region{s.Name, imageBase + uint64(s.VirtualAddress), uint64(min(s.VirtualSize, s.Size)), s})
	}
	if s := f.Section(".text"); s != nil {
		t.text = imageBase + uint64(s.VirtualAddress)
	}
	sec := f.Sections[start.SectionNumber-1]
	n := uint64(end.Value - start.Value)
	b, err := sectionData(n, size, io.NewSectionReader(sec, int64(start.Value), int64(n)))
	t.data, t.addr = b, imageBase+uint64(sec.VirtualAddress)+uint64(start.Value)
	return t, err
}

// sectionData reads n bytes, refusing tables over maxPclntab or larger
// than the file they are in.
func sectionData(n, fileSize uint64, r io.Reader) ([]byte, error) {
	if n > fileSize {
		return nil, fmt.Errorf("function table of %d bytes in a file of %d", n, fileSize)
	}
	if n > maxPclntab {
		return nil, fmt.Errorf("function table of %d bytes is over the %d byte cap", n, maxPclntab)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read function table: %w", err)
	}
	return b, nil
}

// splitSymbol turns a function's symbol name into its package's import
// path and the name advisories use: "Func" or "Type.Method". Closures,
// go/defer wrappers and method values fold into the function they belong
// to; generic instantiations into the generic function. Compiler-made
// symbols ("type:…", "go:…") and package initialiser closures are not
// attributed.
func splitSymbol(name string) (pkg, sym string, ok bool) {
	if strings.HasPrefix(name, "type:") || strings.HasPrefix(name, "go:") ||
		strings.HasPrefix(name, "type.") || strings.HasPrefix(name, "go.") {
		return "", "", false
	}
	name = stripBrackets(name)
	slash := strings.LastIndexByte(name, '/')
	dot := strings.IndexByte(name[slash+1:], '.')
	if dot <= 0 {
		return "", "", false
	}
	pkg, rest := name[:slash+1+dot], name[slash+1+dot+1:]
	if strings.IndexByte(pkg, '%') >= 0 {
		if u, err := url.PathUnescape(pkg); err == nil {
			pkg = u
		}
	}
	rest = strings.TrimSuffix(rest, "-fm")
	parts := strings.Split(rest, ".")
	for len(parts) > 1 && isClosurePart(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	if parts[0] == "" || parts[0] == "glob" {
		return "", "", false
	}
	if r := parts[0]; strings.HasPrefix(r, "(") {
		parts[0] = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r, "("), "*"), ")")
	}
	if len(parts) > 2 {
		parts = parts[:2]
	}
	return pkg, strings.Join(parts, "."), true
}

// isClosurePart reports whether one dot-separated element of a symbol
// name is one the compiler adds: "func1", "gowrap2", "deferwrap1", "3", "".
func isClosurePart(s string) bool {
	for _, p := range []string{"func", "gowrap", "deferwrap"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			if s == "" {
				return false
			}
			break
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// stripBrackets removes generic instantiation lists ("[...]", nested).
func stripBrackets(s string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}
