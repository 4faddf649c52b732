package sbom

import (
	"io"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// EncodeInventory writes inv as vouch's own inventory JSON (vouch sbom
// --format json): the bytes encoding/json writes for a vouch.Inventory
// indented by two spaces, with a final newline, HTML characters escaped
// as it escapes them. It streams, one package at a time, through the
// writer the CycloneDX and SPDX encoders use: encoding/json built the
// whole document, then an indented copy of it, before writing a byte,
// which for a 57,000-package monorepo was two copies of 22 MB. The
// golden files and a fuzz test hold it to encoding/json's output.
func EncodeInventory(w io.Writer, inv *vouch.Inventory) error {
	j := newJSONWriter(w, false)
	if inv == nil {
		j.buf = append(j.buf, "null"...)
		return j.finish()
	}
	e := inventoryEncoder{j}
	j.open('{')

	t := &inv.Target
	j.openObject("target")
	e.str("kind", string(t.Kind))
	e.str("name", t.Name)
	e.str("digest", t.Digest.String()) // a struct: omitempty never left it out
	e.strOpt("platform", t.Platform)
	e.strings("layers", t.Layers, true)
	j.close('}')

	if d := inv.Distro; d != nil {
		j.openObject("distro")
		e.str("id", d.ID)
		e.str("versionId", d.VersionID)
		e.strOpt("codename", d.Codename)
		e.strOpt("prettyName", d.Name)
		j.close('}')
	}

	if inv.Packages == nil {
		e.null("packages")
	} else {
		j.openArray("packages")
		for i := range inv.Packages {
			e.pkg(&inv.Packages[i])
		}
		j.close(']')
	}
	e.strings("sources", inv.Sources, true)
	j.close('}')
	return j.finish()
}

// inventoryEncoder writes the inventory's members with encoding/json's
// escaping, which differs from the SBOM writers' in escaping "<", ">",
// "&", "\b" and "\f".
type inventoryEncoder struct{ j *jsonWriter }

func (e inventoryEncoder) pkg(p *vouch.Package) {
	j := e.j
	j.objectElem()
	e.str("ecosystem", string(p.Ecosystem))
	e.str("name", p.Name)
	e.str("version", p.Version)
	e.str("purl", p.PURL)
	e.strOpt("distro", p.Distro)
	e.strOpt("sourceName", p.SourceName)
	e.strOpt("sourceVersion", p.SourceVersion)
	e.strOpt("commit", p.Commit)
	e.strOpt("scope", string(p.Scope))
	e.strOpt("relationship", string(p.Relationship))
	e.strings("licenses", p.Licenses, true)
	if len(p.Hashes) > 0 {
		j.openArray("hashes")
		for _, h := range p.Hashes {
			j.objectElem()
			e.str("alg", h.Algorithm)
			e.str("value", h.Value)
			j.close('}')
		}
		j.close(']')
	}
	if p.Locations == nil {
		e.null("locations")
	} else {
		j.openArray("locations")
		for _, l := range p.Locations {
			j.objectElem()
			e.str("path", l.Path)
			if l.Line != 0 {
				j.int("line", l.Line)
			}
			e.strOpt("layer", l.Layer)
			j.close('}')
		}
		j.close(']')
	}
	e.strings("dependsOn", p.DependsOn, true)
	if len(p.Metadata) > 0 {
		j.openObject("metadata")
		// encoding/json writes map keys in byte order.
		for _, k := range slices.Sorted(maps.Keys(p.Metadata)) {
			j.elem()
			j.buf = appendHTMLSafeString(j.buf, k)
			j.buf = append(j.buf, ": "...)
			j.buf = appendHTMLSafeString(j.buf, p.Metadata[k])
		}
		j.close('}')
	}
	j.close('}')
}

func (e inventoryEncoder) str(k, v string) {
	e.j.key(k)
	e.j.buf = appendHTMLSafeString(e.j.buf, v)
}

// strOpt writes a string member unless v is empty (omitempty).
func (e inventoryEncoder) strOpt(k, v string) {
	if v != "" {
		e.str(k, v)
	}
}

// strings writes a list of strings: nothing when it is empty and
// omitEmpty is set (omitempty), null when it is nil, [] when empty.
func (e inventoryEncoder) strings(k string, vs []string, omitEmpty bool) {
	switch {
	case len(vs) == 0 && omitEmpty:
		return
	case vs == nil:
		e.null(k)
		return
	}
	e.j.openArray(k)
	for _, v := range vs {
		e.j.elem()
		e.j.buf = appendHTMLSafeString(e.j.buf, v)
	}
	e.j.close(']')
}

func (e inventoryEncoder) null(k string) {
	e.j.key(k)
	e.j.buf = append(e.j.buf, "null"...)
}

// htmlSafe marks the bytes that encoding/json, escaping HTML, writes as
// themselves: printable ASCII and DEL but the quote, the backslash, "<",
// ">" and "&".
var htmlSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendHTMLSafeString appends s as a JSON string exactly as
// encoding/json writes it with HTML escaping on (its default): the short
// escapes \b \f \n \r \t, \u00XX for other control characters and for
// "<", ">", "&", \u2028 and \u2029 escaped, invalid UTF-8 as \ufffd.
func appendHTMLSafeString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s, &htmlSafe, true)
	return append(b, '"')
}
