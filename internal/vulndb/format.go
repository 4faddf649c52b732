package vulndb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/klauspost/compress/zstd"
)

// One file per base ecosystem ("Go.vdb", "Debian.vdb") holds every record
// that affects a package of it:
//
//	header    72 bytes: magic "VOUCHDB1", format, counts, section offsets
//	keys      20 bytes per package key, sorted: key (offset, length into
//	          strings), then where its match entries are (block, offset,
//	          length)
//	records   48 bytes per record, sorted by id: id (into strings),
//	          modified, flags, card (block, offset, length), original
//	          document (block, offset, length)
//	blocks    16 bytes per block: file offset, compressed and plain length
//	strings   keys and ids, uncompressed, so that lookups need no
//	          decompression
//	data      zstd frames
//
// A block holds one kind of payload: the match entries of neighbouring
// keys, the cards of records those keys name, or original documents. A
// lookup is a binary search in the memory-mapped key table and the
// decompression of the one block that holds the key's entries.
const (
	magic         = "VOUCHDB1"
	formatVersion = 1
	headerSize    = 72
	keySize       = 20
	recSize       = 48
	blockSize     = 16

	flagWithdrawn = 1
)

// Block targets, in bytes of plain payload. Small match blocks keep the
// cost of a lookup low; cards and documents compress better in larger
// ones and are read less often.
const (
	matchBlockTarget = 16 << 10
	cardBlockTarget  = 32 << 10
	rawBlockTarget   = 128 << 10
)

var (
	encoderOnce = sync.OnceValue(func() *zstd.Encoder {
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
		if err != nil {
			panic(err) // only bad options fail
		}
		return e
	})
	decoderOnce = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			panic(err)
		}
		return d
	})
)

// loc is where a payload sits: block, offset and length in its plain form.
type loc struct{ block, off, n uint32 }

// blockWriter packs payloads into compressed blocks.
type blockWriter struct {
	blocks [][]byte // compressed
	plain  []uint32
	cur    []byte
	target int
}

func (w *blockWriter) add(p []byte, target int) loc {
	if w.target != target || len(w.cur) >= target {
		w.flush()
		w.target = target
	}
	l := loc{block: uint32(len(w.blocks)), off: uint32(len(w.cur)), n: uint32(len(p))}
	w.cur = append(w.cur, p...)
	return l
}

func (w *blockWriter) flush() {
	if len(w.cur) == 0 {
		return
	}
	w.blocks = append(w.blocks, encoderOnce().EncodeAll(w.cur, nil))
	w.plain = append(w.plain, uint32(len(w.cur)))
	w.cur = w.cur[:0]
}

// writeFile writes the records of one ecosystem to path and syncs it.
func writeFile(path, base string, recs []*advisory) (err error) {
	b, err := encodeFile(base, recs)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if _, err := f.Write(b); err != nil {
		return err
	}
	return f.Sync()
}

// encodeFile lays out one ecosystem's file in memory.
func encodeFile(base string, recs []*advisory) ([]byte, error) {
	recs = sortedByID(recs)
	if len(recs) > 1<<31 {
		return nil, errors.New("too many records")
	}
	type keyed struct {
		key  string
		rec  int
		body []byte
	}
	var all []keyed
	for i, r := range recs {
		for _, e := range r.entries {
			if e.base == base {
				all = append(all, keyed{e.key, i, e.body})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].key < all[j].key })

	var w blockWriter
	var strs []byte
	keyTable := make([]byte, 0, keySize*len(all))
	cardLoc := make([]loc, len(recs))
	placed := make([]bool, len(recs))
	var order []int // records in the order their keys come
	var enc encoder
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].key == all[i].key {
			j++
		}
		enc.b = enc.b[:0]
		enc.uvarint(uint64(j - i))
		for _, k := range all[i:j] {
			enc.uvarint(uint64(k.rec))
			enc.bytes(k.body)
			if !placed[k.rec] {
				placed[k.rec] = true
				order = append(order, k.rec)
			}
		}
		l := w.add(enc.b, matchBlockTarget)
		keyTable = appendU32(keyTable, uint32(len(strs)), uint32(len(all[i].key)), l.block, l.off, l.n)
		strs = append(strs, all[i].key...)
		i = j
	}
	for i := range recs {
		if !placed[i] {
			order = append(order, i)
		}
	}
	for _, i := range order {
		cardLoc[i] = w.add(recs[i].card, cardBlockTarget)
	}
	rawLoc := make([]loc, len(recs))
	for _, i := range order {
		rawLoc[i] = w.add(recs[i].raw, rawBlockTarget)
	}
	w.flush()

	recTable := make([]byte, 0, recSize*len(recs))
	for i, r := range recs {
		flags := uint32(0)
		if r.withdrawn {
			flags |= flagWithdrawn
		}
		recTable = appendU32(recTable, uint32(len(strs)), uint32(len(r.id)))
		recTable = binary.LittleEndian.AppendUint64(recTable, uint64(r.modified.Unix()))
		recTable = appendU32(recTable, uint32(r.modified.Nanosecond()), flags,
			cardLoc[i].block, cardLoc[i].off, cardLoc[i].n,
			rawLoc[i].block, rawLoc[i].off, rawLoc[i].n)
		strs = append(strs, r.id...)
	}
	if uint64(len(strs)) > 1<<32-1 {
		return nil, errors.New("string table too large")
	}

	nKeys := len(keyTable) / keySize
	keyOff := uint64(headerSize)
	recOff := keyOff + uint64(len(keyTable))
	blockOff := recOff + uint64(len(recTable))
	strOff := blockOff + uint64(blockSize*len(w.blocks))
	dataOff := strOff + uint64(len(strs))

	size := dataOff
	for _, b := range w.blocks {
		size += uint64(len(b))
	}
	out := make([]byte, 0, size)
	out = append(out, magic...)
	out = appendU32(out, formatVersion, 0, uint32(nKeys), uint32(len(recs)), uint32(len(w.blocks)), 0)
	for _, v := range []uint64{keyOff, recOff, blockOff, strOff, uint64(len(strs))} {
		out = binary.LittleEndian.AppendUint64(out, v)
	}
	out = append(out, keyTable...)
	out = append(out, recTable...)
	off := dataOff
	for i, b := range w.blocks {
		out = binary.LittleEndian.AppendUint64(out, off)
		out = appendU32(out, uint32(len(b)), w.plain[i])
		off += uint64(len(b))
	}
	out = append(out, strs...)
	for _, b := range w.blocks {
		out = append(out, b...)
	}
	return out, nil
}

func sortedByID(recs []*advisory) []*advisory {
	out := make([]*advisory, len(recs))
	copy(out, recs)
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func appendU32(b []byte, vs ...uint32) []byte {
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// file is one open ecosystem file.
type file struct {
	base   string
	data   []byte
	unmap  func() error
	keys   []byte
	recs   []byte
	blocks []byte
	strs   []byte
	nKeys  int
	nRecs  int
	nBlock int
}

// openFile maps path and checks that every table lies inside it.
func openFile(path, base string) (*file, error) {
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	f, err := parseFile(data)
	if err != nil {
		unmap()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.base = base
	f.unmap = unmap
	return f, nil
}

func parseFile(data []byte) (*file, error) {
	if len(data) < headerSize || string(data[:8]) != magic {
		return nil, errCorrupt("file: not a vouch database file")
	}
	u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(data[off:]) }
	u64 := func(off int) uint64 { return binary.LittleEndian.Uint64(data[off:]) }
	if v := u32(8); v != formatVersion {
		return nil, fmt.Errorf("format %d, want %d: %w", v, formatVersion, errFormat)
	}
	f := &file{data: data, nKeys: int(u32(16)), nRecs: int(u32(20)), nBlock: int(u32(24))}
	keyOff, recOff, blockOff, strOff, strLen := u64(32), u64(40), u64(48), u64(56), u64(64)
	size := uint64(len(data))
	section := func(off, n uint64) ([]byte, bool) {
		if off > size || n > size-off {
			return nil, false
		}
		return data[off : off+n : off+n], true
	}
	var ok1, ok2, ok3, ok4 bool
	f.keys, ok1 = section(keyOff, uint64(f.nKeys)*keySize)
	f.recs, ok2 = section(recOff, uint64(f.nRecs)*recSize)
	f.blocks, ok3 = section(blockOff, uint64(f.nBlock)*blockSize)
	f.strs, ok4 = section(strOff, strLen)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, errCorrupt("file: table out of bounds")
	}
	// Blocks follow one another to the end of the file: a file cut short
	// shows in its last block, without reading the others.
	if f.nBlock > 0 {
		off, clen, _ := f.blockAt(f.nBlock - 1)
		if off > size || off+uint64(clen) != size {
			return nil, errCorrupt("file: truncated or extended")
		}
	}
	return f, nil
}

var errFormat = errors.New("database format changed")

func (f *file) close() error {
	if f.unmap == nil {
		return nil
	}
	err := f.unmap()
	f.unmap = nil
	return err
}

func (f *file) blockAt(i int) (off uint64, clen, plen uint32) {
	e := f.blocks[i*blockSize:]
	return binary.LittleEndian.Uint64(e), binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
}

// block decompresses block i into a new heap buffer.
func (f *file) block(i uint32) ([]byte, error) {
	if int(i) >= f.nBlock {
		return nil, errCorrupt("block reference")
	}
	off, clen, plen := f.blockAt(int(i))
	if size := uint64(len(f.data)); off > size || uint64(clen) > size-off || plen > 1<<30 {
		return nil, errCorrupt("block reference")
	}
	out, err := decoderOnce().DecodeAll(f.data[off:off+uint64(clen)], make([]byte, 0, plen))
	if err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", errCorrupt("data"), i, err)
	}
	if len(out) != int(plen) {
		return nil, errCorrupt("block length")
	}
	return out, nil
}

// keyAt returns key i as a string that points into the mapped file; use it
// only for comparisons.
func (f *file) keyAt(i int) string {
	e := f.keys[i*keySize:]
	return f.str(binary.LittleEndian.Uint32(e), binary.LittleEndian.Uint32(e[4:]))
}

// str returns a string of the string table without copying it, or "" if
// a corrupt table points outside it. Tables are checked lazily, so that
// opening a database touches no more of it than a lookup does.
func (f *file) str(off, n uint32) string {
	if n == 0 || uint64(off)+uint64(n) > uint64(len(f.strs)) {
		return ""
	}
	return unsafe.String(&f.strs[off], int(n))
}

// lookup finds key and where its match entries are.
func (f *file) lookup(key string) (loc, bool) {
	i := sort.Search(f.nKeys, func(i int) bool { return f.keyAt(i) >= key })
	if i == f.nKeys || f.keyAt(i) != key {
		return loc{}, false
	}
	e := f.keys[i*keySize+8:]
	return loc{
		block: binary.LittleEndian.Uint32(e),
		off:   binary.LittleEndian.Uint32(e[4:]),
		n:     binary.LittleEndian.Uint32(e[8:]),
	}, true
}

// recMeta is a record table row.
type recMeta struct {
	id        string
	modified  time.Time
	withdrawn bool
	card, raw loc
}

func (f *file) rec(i int) recMeta {
	e := f.recs[i*recSize:]
	u32 := func(o int) uint32 { return binary.LittleEndian.Uint32(e[o:]) }
	return recMeta{
		id:        strings.Clone(f.str(u32(0), u32(4))),
		modified:  time.Unix(int64(binary.LittleEndian.Uint64(e[8:])), int64(u32(16))).UTC(),
		withdrawn: u32(20)&flagWithdrawn != 0,
		card:      loc{u32(24), u32(28), u32(32)},
		raw:       loc{u32(36), u32(40), u32(44)},
	}
}

// slice cuts a payload out of a decompressed block.
func slice(b []byte, l loc) ([]byte, error) {
	if uint64(l.off)+uint64(l.n) > uint64(len(b)) {
		return nil, errCorrupt("payload reference")
	}
	return b[l.off : l.off+l.n : l.off+l.n], nil
}

// fileName is the file of a base ecosystem: its name with anything but
// letters, digits, '.', '-' and '_' escaped, so that "Red Hat" and
// "Rocky Linux" make portable names.
func fileName(base string) string {
	var b strings.Builder
	for i := 0; i < len(base); i++ {
		c := base[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String() + ".vdb"
}
