package ospkg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// An rpm header blob, as the rpm database stores one per package (the
// header of the package file without its lead and signature), is:
//
//	il  uint32 BE   number of index entries
//	dl  uint32 BE   length of the data store
//	il × { tag int32, type uint32, offset int32, count uint32 } BE
//	dl bytes of data
//
// Only the tags below are read; region tags, signatures and file lists are
// skipped. Every offset is checked against the data store.
const (
	rpmTagName            = 1000
	rpmTagVersion         = 1001
	rpmTagRelease         = 1002
	rpmTagEpoch           = 1003
	rpmTagLicense         = 1014
	rpmTagArch            = 1022
	rpmTagSourceRPM       = 1044
	rpmTagModularityLabel = 5096

	rpmTypeInt32  = 4
	rpmTypeString = 6

	rpmMaxIndex  = 0xffff    // rpm's own limit on index entries
	rpmMaxData   = 256 << 20 // rpm's own limit on a header's data
	rpmMaxString = 64 << 10  // longer than any name, version or licence
)

type rpmHeader struct {
	name, version, release, arch, sourceRPM, license, modularity string
	epoch                                                        int32
	hasEpoch                                                     bool
}

func parseRPMHeader(blob []byte) (*rpmHeader, error) {
	if len(blob) < 8 {
		return nil, errors.New("header shorter than 8 bytes")
	}
	il := binary.BigEndian.Uint32(blob[0:4])
	dl := binary.BigEndian.Uint32(blob[4:8])
	if il == 0 || il > rpmMaxIndex {
		return nil, fmt.Errorf("header index count %d out of range", il)
	}
	if dl > rpmMaxData {
		return nil, fmt.Errorf("header data length %d out of range", dl)
	}
	start := 8 + 16*uint64(il)
	if uint64(len(blob)) < start+uint64(dl) {
		return nil, fmt.Errorf("header truncated: %d index entries and %d data bytes need %d bytes, have %d",
			il, dl, start+uint64(dl), len(blob))
	}
	data := blob[start : start+uint64(dl)]
	h := &rpmHeader{}
	var seen uint8 // one bit per tag below
	for i := uint64(0); i < uint64(il); i++ {
		e := blob[8+16*i : 8+16*i+16]
		tag := int32(binary.BigEndian.Uint32(e[0:4]))
		typ := binary.BigEndian.Uint32(e[4:8])
		off := int32(binary.BigEndian.Uint32(e[8:12]))
		count := binary.BigEndian.Uint32(e[12:16])
		var (
			dst *string
			bit uint8
		)
		switch tag {
		case rpmTagName:
			dst, bit = &h.name, 1<<0
		case rpmTagVersion:
			dst, bit = &h.version, 1<<1
		case rpmTagRelease:
			dst, bit = &h.release, 1<<2
		case rpmTagArch:
			dst, bit = &h.arch, 1<<3
		case rpmTagSourceRPM:
			dst, bit = &h.sourceRPM, 1<<4
		case rpmTagLicense:
			dst, bit = &h.license, 1<<5
		case rpmTagModularityLabel:
			dst, bit = &h.modularity, 1<<6
		case rpmTagEpoch:
			bit = 1 << 7
		default:
			continue
		}
		if seen&bit != 0 {
			continue // a later duplicate (a "dribble" entry) never overrides the region
		}
		seen |= bit
		if off < 0 || uint64(off) >= uint64(dl) {
			return nil, fmt.Errorf("tag %d: offset %d outside the %d-byte data store", tag, off, dl)
		}
		if tag == rpmTagEpoch {
			if typ != rpmTypeInt32 || count < 1 || uint64(off)+4 > uint64(dl) {
				return nil, fmt.Errorf("tag %d (epoch): want one int32 inside the data store", tag)
			}
			h.epoch = int32(binary.BigEndian.Uint32(data[off:]))
			h.hasEpoch = true
			continue
		}
		if typ != rpmTypeString {
			return nil, fmt.Errorf("tag %d: type %d, want a string", tag, typ)
		}
		s := data[off:]
		if len(s) > rpmMaxString {
			s = s[:rpmMaxString]
		}
		end := bytes.IndexByte(s, 0)
		if end < 0 {
			return nil, fmt.Errorf("tag %d: string not terminated", tag)
		}
		*dst = string(s[:end])
	}
	if h.name == "" || h.version == "" {
		return nil, errors.New("header has no name or version")
	}
	for _, s := range []*string{&h.sourceRPM, &h.license, &h.arch} {
		if *s == "(none)" {
			*s = ""
		}
	}
	return h, nil
}

// evr spells the header's version as rpm compares it: [epoch:]version[-release].
func (h *rpmHeader) evr() string {
	v := h.version
	if h.release != "" {
		v += "-" + h.release
	}
	if h.hasEpoch {
		v = strconv.Itoa(int(h.epoch)) + ":" + v
	}
	return v
}

// sourceNV splits a source rpm file name, "openssl-3.0.7-25.el9_3.src.rpm",
// into its package name and version-release.
func sourceNV(srpm string) (name, version string) {
	s := srpm
	for _, suf := range []string{".src.rpm", ".nosrc.rpm"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	r := strings.LastIndexByte(s, '-')
	if r <= 0 {
		return s, ""
	}
	v := strings.LastIndexByte(s[:r], '-')
	if v <= 0 {
		return s, ""
	}
	return s[:v], s[v+1:]
}
