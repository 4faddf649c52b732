package vulndb

import (
	"encoding/binary"
	"unsafe"
)

// encoder appends the compact encoding the database files use: unsigned
// varints and length-prefixed strings.
type encoder struct{ b []byte }

func (e *encoder) byte1(c byte)     { e.b = append(e.b, c) }
func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) bytes(p []byte)   { e.uvarint(uint64(len(p))); e.b = append(e.b, p...) }
func (e *encoder) strs(ss []string) { e.uvarint(uint64(len(ss))); e.strsBody(ss) }
func (e *encoder) strsBody(s []string) {
	for _, x := range s {
		e.str(x)
	}
}

// decoder reads what encoder wrote. It never panics: on malformed input it
// sets bad and returns zero values, and callers check bad once at the end.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) byte1() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of items that each take at least one byte, so that a
// corrupt count cannot make the caller allocate more than the input holds.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return 0
	}
	return int(n)
}

func (d *decoder) raw() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

// str returns a copy of the next string.
func (d *decoder) str() string { return string(d.raw()) }

// view returns the next string without copying it. Only use it on heap
// buffers (decompressed blocks), never on the memory-mapped file, and only
// while the buffer is referenced.
func (d *decoder) view() string {
	p := d.raw()
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) views() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.view()
	}
	return out
}
