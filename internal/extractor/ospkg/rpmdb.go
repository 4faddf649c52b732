package ospkg

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// The rpm database has had three formats, all read here without rpm:
//
//   - SQLite (rpm ≥ 4.16; Fedora 33+, RHEL 9): a table Packages(hnum, blob).
//   - Berkeley DB hash (older RHEL, CentOS, Amazon Linux 2): the file
//     "Packages", header blobs stored on overflow pages.
//   - NDB (SUSE): "Packages.db", a slot table pointing at blobs.
//
// Each reader calls fn with every header blob in database order.

const (
	sqliteMagic = "SQLite format 3\x00"

	// Berkeley DB.
	bdbHashMagic    = 0x00061561
	bdbMetaSize     = 512
	bdbPageHeader   = 26
	bdbPageHashOld  = 2 // P_HASH_UNSORTED, written before Berkeley DB 4.6
	bdbPageOverflow = 7 // P_OVERFLOW
	bdbPageHash     = 13
	bdbItemKeyData  = 1 // H_KEYDATA: the value is on the page
	bdbItemOffPage  = 3 // H_OFFPAGE: the value is a chain of overflow pages

	// NDB.
	ndbHeaderMagic = 'R' | 'p'<<8 | 'm'<<16 | 'P'<<24
	ndbSlotMagic   = 'S' | 'l'<<8 | 'o'<<16 | 't'<<24
	ndbBlobMagic   = 'B' | 'l'<<8 | 'b'<<16 | 'S'<<24
	ndbPageSize    = 4096
	ndbSlotSize    = 16
	ndbBlockSize   = 16
	ndbMaxSlotPage = 2048

	// maxPackages caps how many headers one database may yield.
	maxPackages = 1 << 20
)

type rpmFormat int

const (
	rpmUnknown rpmFormat = iota
	rpmSQLite
	rpmBDB
	rpmNDB
)

// sniffRPM tells the database format from its first bytes.
func sniffRPM(head []byte) rpmFormat {
	switch {
	case len(head) >= len(sqliteMagic) && string(head[:len(sqliteMagic)]) == sqliteMagic:
		return rpmSQLite
	case len(head) >= 4 && binary.LittleEndian.Uint32(head) == ndbHeaderMagic:
		return rpmNDB
	case len(head) >= 16 && (binary.LittleEndian.Uint32(head[12:]) == bdbHashMagic ||
		binary.BigEndian.Uint32(head[12:]) == bdbHashMagic):
		return rpmBDB
	}
	return rpmUnknown
}

// readSQLite reads the SQLite database at file without writing to it or
// beside it (immutable: no journal, no locks).
func readSQLite(ctx context.Context, file string, fn func([]byte) error) error {
	dsn := (&url.URL{Scheme: "file", Path: file, RawQuery: "mode=ro&immutable=1"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, "SELECT blob FROM Packages")
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if n++; n > maxPackages {
			return fmt.Errorf("more than %d packages", maxPackages)
		}
		var blob sql.RawBytes
		if err := rows.Scan(&blob); err != nil {
			return fmt.Errorf("sqlite: %w", err)
		}
		if err := fn(blob); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}

// readBDB reads the values of a Berkeley DB hash database: it visits every
// hash page and yields each value, following overflow chains for the large
// ones (every real rpm header). Keys (package numbers) are skipped.
func readBDB(ctx context.Context, r io.ReaderAt, size int64, fn func([]byte) error) error {
	meta := make([]byte, bdbMetaSize)
	if _, err := r.ReadAt(meta, 0); err != nil {
		return fmt.Errorf("berkeley db: metadata page: %w", err)
	}
	var order binary.ByteOrder = binary.LittleEndian
	if order.Uint32(meta[12:]) != bdbHashMagic {
		order = binary.BigEndian
		if order.Uint32(meta[12:]) != bdbHashMagic {
			return errors.New("berkeley db: not a hash database")
		}
	}
	pageSize := order.Uint32(meta[20:])
	if pageSize < 512 || pageSize > 64<<10 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("berkeley db: page size %d", pageSize)
	}
	if meta[24] != 0 {
		return errors.New("berkeley db: encrypted")
	}
	last := int64(order.Uint32(meta[32:]))
	if max := size/int64(pageSize) - 1; last > max {
		last = max // a truncated file: read what is there
	}
	page := make([]byte, pageSize)
	ov := make([]byte, pageSize)
	n := 0
	for pg := int64(1); pg <= last; pg++ {
		if pg%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if _, err := r.ReadAt(page, pg*int64(pageSize)); err != nil {
			return fmt.Errorf("berkeley db: page %d: %w", pg, err)
		}
		if t := page[25]; t != bdbPageHash && t != bdbPageHashOld {
			continue
		}
		entries := int(order.Uint16(page[20:]))
		if bdbPageHeader+2*entries > int(pageSize) {
			return fmt.Errorf("berkeley db: page %d: %d entries do not fit", pg, entries)
		}
		// Entries are key/value pairs; their offsets follow the page
		// header, and items are laid out from the end of the page down.
		for i := 1; i < entries; i += 2 {
			off := int(order.Uint16(page[bdbPageHeader+2*i:]))
			end := int(order.Uint16(page[bdbPageHeader+2*(i-1):]))
			if off >= int(pageSize) || end > int(pageSize) || end <= off {
				return fmt.Errorf("berkeley db: page %d: entry %d out of bounds", pg, i)
			}
			var val []byte
			switch page[off] {
			case bdbItemKeyData:
				val = page[off+1 : end]
				if len(val) < 8 {
					continue // the database's bookkeeping record, not a header
				}
			case bdbItemOffPage:
				if off+12 > int(pageSize) {
					return fmt.Errorf("berkeley db: page %d: entry %d out of bounds", pg, i)
				}
				var err error
				val, err = bdbOverflow(r, ov, order, order.Uint32(page[off+4:]), order.Uint32(page[off+8:]), last)
				if err != nil {
					return fmt.Errorf("berkeley db: page %d entry %d: %w", pg, i, err)
				}
			default:
				continue
			}
			if n++; n > maxPackages {
				return fmt.Errorf("berkeley db: more than %d packages", maxPackages)
			}
			if err := fn(val); err != nil {
				return err
			}
		}
	}
	return nil
}

// bdbOverflow follows a chain of overflow pages from page pg, collecting
// length bytes.
func bdbOverflow(r io.ReaderAt, page []byte, order binary.ByteOrder, pg, length uint32, last int64) ([]byte, error) {
	if length > rpmMaxData {
		return nil, fmt.Errorf("value of %d bytes", length)
	}
	out := make([]byte, 0, length)
	for steps := int64(0); pg != 0 && uint32(len(out)) < length; steps++ {
		if int64(pg) > last || steps > last {
			return nil, fmt.Errorf("overflow chain leaves the file or loops at page %d", pg)
		}
		if _, err := r.ReadAt(page, int64(pg)*int64(len(page))); err != nil {
			return nil, fmt.Errorf("overflow page %d: %w", pg, err)
		}
		if page[25] != bdbPageOverflow {
			return nil, fmt.Errorf("page %d is not an overflow page", pg)
		}
		used := int(order.Uint16(page[22:])) // hf_offset: bytes of data on this page
		if used > len(page)-bdbPageHeader {
			return nil, fmt.Errorf("overflow page %d claims %d bytes", pg, used)
		}
		if rest := int(length) - len(out); used > rest {
			used = rest
		}
		out = append(out, page[bdbPageHeader:bdbPageHeader+used]...)
		pg = order.Uint32(page[16:])
	}
	if uint32(len(out)) != length {
		return nil, fmt.Errorf("overflow chain holds %d of %d bytes", len(out), length)
	}
	return out, nil
}

// readNDB reads rpm's NDB format (lib/backend/ndb/rpmpkg.c in rpm): a
// 32-byte header, slot pages of 16-byte slots {magic, package index, block
// offset, block count}, and at each slot's block a blob header {magic,
// package index, generation, length} followed by the header blob.
func readNDB(ctx context.Context, r io.ReaderAt, size int64, fn func([]byte) error) error {
	hdr := make([]byte, 32)
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return fmt.Errorf("ndb: header: %w", err)
	}
	le := binary.LittleEndian
	if le.Uint32(hdr) != ndbHeaderMagic || le.Uint32(hdr[4:]) != 0 {
		return errors.New("ndb: not an rpm NDB database (version 0)")
	}
	npages := le.Uint32(hdr[12:])
	if npages == 0 || npages > ndbMaxSlotPage || int64(npages)*ndbPageSize > size {
		return fmt.Errorf("ndb: %d slot pages", npages)
	}
	slots := make([]byte, int(npages)*ndbPageSize)
	if _, err := r.ReadAt(slots, 0); err != nil {
		return fmt.Errorf("ndb: slot pages: %w", err)
	}
	bh := make([]byte, 16)
	n := 0
	// The first two slots hold the database header.
	for s := 2 * ndbSlotSize; s+ndbSlotSize <= len(slots); s += ndbSlotSize {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		slot := slots[s : s+ndbSlotSize]
		if le.Uint32(slot) != ndbSlotMagic {
			return fmt.Errorf("ndb: slot %d: bad magic", s/ndbSlotSize)
		}
		idx, blk, cnt := le.Uint32(slot[4:]), int64(le.Uint32(slot[8:])), int64(le.Uint32(slot[12:]))
		if idx == 0 {
			continue // free slot
		}
		off := blk * ndbBlockSize
		if off+16 > size || cnt*ndbBlockSize > size-off {
			return fmt.Errorf("ndb: package %d: blob outside the file", idx)
		}
		if _, err := r.ReadAt(bh, off); err != nil {
			return fmt.Errorf("ndb: package %d: %w", idx, err)
		}
		if le.Uint32(bh) != ndbBlobMagic || le.Uint32(bh[4:]) != idx {
			return fmt.Errorf("ndb: package %d: bad blob header", idx)
		}
		length := int64(le.Uint32(bh[12:]))
		if length > rpmMaxData || 16+length > cnt*ndbBlockSize {
			return fmt.Errorf("ndb: package %d: blob of %d bytes does not fit its %d blocks", idx, length, cnt)
		}
		blob := make([]byte, length)
		if _, err := r.ReadAt(blob, off+16); err != nil {
			return fmt.Errorf("ndb: package %d: %w", idx, err)
		}
		if n++; n > maxPackages {
			return fmt.Errorf("ndb: more than %d packages", maxPackages)
		}
		if err := fn(blob); err != nil {
			return err
		}
	}
	return nil
}
