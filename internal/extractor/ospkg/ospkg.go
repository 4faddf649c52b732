// Package ospkg reads the package databases of Linux distributions: what
// dpkg, apk and rpm record as installed in a root filesystem.
//
// Extractors returns one extractor per database:
//
//	dpkg  var/lib/dpkg/status, var/lib/dpkg/status.d/* (distroless)
//	apk   lib/apk/db/installed
//	rpm   var/lib/rpm/{rpmdb.sqlite,Packages,Packages.db} and the same
//	      names under usr/lib/sysimage/rpm (SQLite, Berkeley DB hash and
//	      NDB formats, all read in pure Go)
//
// A package database does not say which release it belongs to, so every
// package starts in its database's default ecosystem (dpkg Debian, apk
// Alpine, rpm Red Hat) with a purl that names no distro, and carries
// Metadata[MetaDB] naming its database. Once the caller knows the release —
// from etc/os-release, read with ParseOSRelease, or from the older release
// files listed in ReleaseFiles — ApplyDistro moves each OS package to the
// release's ecosystem and rebuilds its purl with the distro qualifier, the
// way syft spells it:
//
//	pkg:deb/debian/libc6@2.36-9+deb12u4?arch=amd64&distro=debian-12&upstream=glibc
//	pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1
//	pkg:rpm/redhat/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=openssl
//
// Debian and Alpine versions keep their epoch ("1:1.2.13.dfsg-1"); rpm
// purls carry the epoch as a qualifier and Package.Version spells it
// "1:3.0.7-25.el9_3", the form rpm and OSV compare.
//
// Every reader treats its input as hostile: sizes and counts are capped,
// offsets are checked before use, and a malformed record is an error that
// names it rather than a panic. A database with some unreadable records
// yields the packages it could read together with an error.
package ospkg

import (
	"github.com/vouch-dev/vouch/internal/extractor"
)

// Metadata keys every OS package carries.
const (
	// MetaDB names the database a package came from: "dpkg", "apk" or "rpm".
	MetaDB = "os.db"
	// MetaArch is the package's architecture as its database spells it
	// ("amd64", "x86_64", "noarch", "all").
	MetaArch = "os.arch"
	// MetaEpoch is an rpm package's epoch, when it has one.
	MetaEpoch = "os.epoch"
)

// The databases, as MetaDB spells them.
const (
	DBDpkg = "dpkg"
	DBApk  = "apk"
	DBRpm  = "rpm"
)

// Extractors returns the dpkg, apk and rpm extractors.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{Dpkg{}, Apk{}, RPM{}}
}
