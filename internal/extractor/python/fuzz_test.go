package python

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
)

// fuzzExtractor seeds f with every file under testdata/dir that ex
// matches (the corpus in testdata/fuzz/<FuzzName> is added by go test) and
// checks that any input either fails cleanly or yields well-formed
// packages.
func fuzzExtractor(f *testing.F, ex extractor.Extractor, name, dir string, versionless bool) {
	err := filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && ex.Match(filepath.ToSlash(p), 0) {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.Add(data)
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := extractortest.ExtractBytes(ex, name, data)
		if err != nil {
			return
		}
		for _, p := range pkgs {
			if p.Name == "" || p.PURL == "" || (p.Version == "" && !versionless) {
				t.Fatalf("package without identity: %+v", p)
			}
			if len(p.Locations) == 0 || p.Locations[0].Path == "" {
				t.Fatalf("package without location: %+v", p)
			}
			for _, d := range p.DependsOn {
				if d == "" || d == p.PURL {
					t.Fatalf("bad dependency %q of %s", d, p.PURL)
				}
			}
		}
	})
}

func FuzzRequirements(f *testing.F) {
	fuzzExtractor(f, requirements{}, "requirements.txt", "requirements", true)
}

func FuzzPoetryLock(f *testing.F) {
	fuzzExtractor(f, poetryLock{}, "poetry.lock", "poetry-lock", false)
}

func FuzzPipfileLock(f *testing.F) {
	fuzzExtractor(f, pipfileLock{}, "Pipfile.lock", "pipfile-lock", false)
}

func FuzzUVLock(f *testing.F) {
	fuzzExtractor(f, uvLock{}, "uv.lock", "uv-lock", false)
}

func FuzzPDMLock(f *testing.F) {
	fuzzExtractor(f, pdmLock{}, "pdm.lock", "pdm-lock", false)
}

func FuzzMetadata(f *testing.F) {
	fuzzExtractor(f, metadata{}, "x.dist-info/METADATA", "metadata", false)
}
