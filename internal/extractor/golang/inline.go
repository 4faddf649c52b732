package golang

import (
	"encoding/binary"
	"io"
	"strings"
)

// The compiler inlines small functions into their callers, and an inlined
// function has no entry of its own in the pclntab. Since Go 1.20 each
// function's inline tree (FUNCDATA_InlTree) names what was inlined into
// it; its entries are indexed by the function's PCDATA_InlTreeIndex table
// and sit in the funcdata blob whose address the runtime keeps in
// moduledata.gofunc. The reader below finds moduledata by its first two
// words (the pclntab's address and the function name table's), so it
// works on stripped binaries too. Position-independent executables keep
// those words as relocations, not values; for them inlined functions are
// not listed.

const (
	pcdataInlTreeIndex = 2
	funcdataInlTree    = 3
	funcHeaderSize     = 44 // runtime._func up to its pcdata array
	inlinedCallSize    = 16 // runtime.inlinedCall
	// moduledata words: pcHeader, six slices of three words, findfunctab,
	// minpc, maxpc, text, etext, noptrdata, enoptrdata, data, edata, bss,
	// ebss, noptrbss, enoptrbss, covctrs, ecovctrs, end, gcdata, gcbss,
	// types, etypes, rodata, then gofunc (Go 1.20 to 1.26).
	moduledataGofunc = 40
	maxScanRegion    = 64 << 20
	maxInlineIndex   = 1 << 16
)

// inlinedNames returns the names of the functions inlined anywhere in a Go
// 1.20+ binary, or nil when the inline trees cannot be found.
func inlinedNames(t *exeTable, fileSize uint64) (names []string) {
	defer func() {
		if recover() != nil {
			names = nil // a malformed table costs the inline names only
		}
	}()
	data := t.data
	if len(data) < 8+8*8 {
		return nil
	}
	var order binary.ByteOrder = binary.LittleEndian
	if order.Uint32(data) != 0xfffffff1 {
		order = binary.BigEndian
		if order.Uint32(data) != 0xfffffff1 {
			return nil
		}
	}
	ptr := uint64(data[7])
	if ptr != 4 && ptr != 8 {
		return nil
	}
	word := func(b []byte, i uint64) uint64 {
		if ptr == 4 {
			return uint64(order.Uint32(b[i*4:]))
		}
		return order.Uint64(b[i*8:])
	}
	n := uint64(len(data))
	nfunc, nameAt, pctabAt, pclnAt := word(data[8:], 0), word(data[8:], 3), word(data[8:], 6), word(data[8:], 7)
	if nameAt > n || pctabAt > n || pclnAt > n || nfunc > (n-pclnAt)/8 {
		return nil
	}
	blob := gofuncBlob(t, order, ptr, word, t.addr+nameAt, fileSize)
	if blob == nil {
		return nil
	}
	funcNames, pctab, ftab := data[nameAt:], data[pctabAt:], data[pclnAt:]
	u32 := func(b []byte, off uint64) (uint32, bool) {
		if off+4 > uint64(len(b)) {
			return 0, false
		}
		return order.Uint32(b[off:]), true
	}
	seen := map[uint32]bool{}
	for i := uint64(0); i < nfunc; i++ {
		funcOff, ok := u32(ftab, (2*i+1)*4)
		if !ok || uint64(funcOff)+funcHeaderSize > uint64(len(ftab)) {
			return nil
		}
		f := ftab[funcOff:]
		npcdata := uint64(order.Uint32(f[28:]))
		nfuncdata := uint64(f[43])
		if npcdata <= pcdataInlTreeIndex || nfuncdata <= funcdataInlTree {
			continue
		}
		pcOff, ok1 := u32(f, funcHeaderSize+4*pcdataInlTreeIndex)
		inlOff, ok2 := u32(f, funcHeaderSize+4*npcdata+4*funcdataInlTree)
		if !ok1 || !ok2 || pcOff == 0 || inlOff == ^uint32(0) {
			continue
		}
		top := maxPCValue(pctab, pcOff)
		for k := 0; k <= top; k++ {
			nameOff, ok := u32(blob, uint64(inlOff)+uint64(k)*inlinedCallSize+4)
			if !ok {
				break
			}
			if seen[nameOff] || uint64(nameOff) >= uint64(len(funcNames)) {
				continue
			}
			seen[nameOff] = true
			name := funcNames[nameOff:]
			if end := indexByte(name, 0); end >= 0 {
				names = append(names, string(name[:end]))
			}
		}
	}
	return names
}

// gofuncBlob finds moduledata and returns the bytes from moduledata.gofunc
// to the end of the region holding it.
func gofuncBlob(t *exeTable, order binary.ByteOrder, ptr uint64, word func([]byte, uint64) uint64, nameTab, fileSize uint64) []byte {
	for _, want := range []string{"module", "noptrdata", "data"} {
		for _, r := range t.regions {
			if !strings.Contains(r.name, want) || strings.Contains(r.name, "rel.ro") || strings.Contains(r.name, "rodata") || r.size > maxScanRegion || r.size > fileSize {
				continue
			}
			buf := make([]byte, r.size)
			if _, err := r.r.ReadAt(buf, 0); err != nil && err != io.EOF {
				continue
			}
			for off := uint64(0); off+(moduledataGofunc+1)*ptr <= uint64(len(buf)); off += ptr {
				md := buf[off:]
				if word(md, 0) != t.addr || word(md, 1) != nameTab {
					continue
				}
				if gofunc := word(md, moduledataGofunc); gofunc >= word(md, moduledataGofunc-1) { // gofunc lies in rodata
					return readFrom(t, gofunc, fileSize)
				}
			}
		}
	}
	return nil
}

// readFrom reads from addr to the end of the region holding it.
func readFrom(t *exeTable, addr, fileSize uint64) []byte {
	for _, r := range t.regions {
		if r.addr <= addr && addr < r.addr+r.size {
			n := r.addr + r.size - addr
			if n > maxPclntab || n > fileSize {
				return nil
			}
			buf := make([]byte, n)
			if _, err := r.r.ReadAt(buf, int64(addr-r.addr)); err != nil && err != io.EOF {
				return nil
			}
			return buf
		}
	}
	return nil
}

// maxPCValue returns the largest value of a pcvalue table (zig-zag varint
// value deltas, each followed by a varint pc delta, starting at -1), or
// -1 when the table holds none.
func maxPCValue(tab []byte, off uint32) int {
	if uint64(off) >= uint64(len(tab)) {
		return -1
	}
	p := tab[off:]
	val, top := int32(-1), -1
	for first := true; len(p) > 0; first = false {
		uv, n := binary.Uvarint(p)
		if n <= 0 || uv == 0 && !first {
			break
		}
		p = p[n:]
		d := uint32(uv)
		val += int32(-(d & 1) ^ (d >> 1))
		if _, n = binary.Uvarint(p); n <= 0 {
			break
		}
		p = p[n:]
		if int(val) > top {
			top = int(val)
		}
		if top >= maxInlineIndex {
			return maxInlineIndex
		}
	}
	return top
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
