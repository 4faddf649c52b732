package java

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func extractPOM(t testing.TB, fsys fstest.MapFS, root, path string) ([]vouch.Package, error) {
	t.Helper()
	var data []byte
	var err error
	if fsys != nil {
		data = fsys[path].Data
	} else {
		data, err = os.ReadFile(root + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
	}
	f := &extractor.File{Path: path, Size: int64(len(data)), Reader: bytes.NewReader(data)}
	if fsys != nil {
		f.FS = fsys
	} else {
		f.FS = os.DirFS(root)
	}
	return pomExtractor{}.Extract(context.Background(), f)
}

func TestPOMGolden(t *testing.T) {
	for _, p := range []string{"pom.xml", "shop-api/pom.xml", "platform/pom.xml", "platform/shop-service/pom.xml", "cycle/pom.xml", "mismatch/pom.xml", "legacy-latin1/pom.xml"} {
		t.Run(p, func(t *testing.T) {
			pkgs, err := extractPOM(t, nil, "testdata/maven", p)
			if err != nil {
				t.Fatal(err)
			}
			extractortest.Golden(t, filepath.Join("testdata", "golden", "maven-"+strings.ReplaceAll(strings.TrimSuffix(p, "/pom.xml"), "/", "-")+".json"), pkgs)
		})
	}
}

// TestPOMSemantics spells out the resolution the golden files record:
// "version scope line" per package, and which are left out.
func TestPOMSemantics(t *testing.T) {
	for _, tc := range []struct {
		path string
		want map[string]string
	}{
		{"pom.xml", map[string]string{
			"org.slf4j:slf4j-api": "2.0.9  69", // managed in the same pom
		}},
		{"shop-api/pom.xml", map[string]string{
			"com.fasterxml.jackson.core:jackson-databind": "2.15.2  18",          // managed by the parent, property of the parent
			"org.apache.commons:commons-lang3":            "3.13.0  22",          // exclusions do not count
			"org.projectlombok:lombok":                    "1.18.30 provided 33", // provided wins over optional
			"com.google.code.findbugs:jsr305":             "3.0.2 optional 40",
			"org.junit.jupiter:junit-jupiter":             "5.10.0 test 61", // scope from dependencyManagement
		}},
		{"platform/shop-service/pom.xml", map[string]string{
			"com.example.shop:shop-api":                   "2.3.0  17",  // ${project.groupId}/${project.version} inherited
			"com.fasterxml.jackson.core:jackson-databind": "2.16.0  22", // the platform's property overrides the root's
			"io.grpc:grpc-netty":                          "1.59.0  26",
			"io.netty:netty-handler":                      "4.1.100.Final  31", // a property naming a property
			"io.netty:netty-transport-native-epoll":       "4.1.100.Final  36",
			"com.google.guava:guava":                      "32.1.2-jre  42", // managed two levels up; runtime scope
			"org.mockito:mockito-core":                    "5.7.0 test 47",
			"com.oracle.database.jdbc:ojdbc11":            "23.3.0.23.09 provided 53",
		}},
		{"platform/pom.xml", map[string]string{}},
		{"cycle/pom.xml", map[string]string{"org.example:lib": "0.9.1  18"}},
		{"mismatch/pom.xml", map[string]string{
			"joda-time:joda-time":       "2.12.5  18",
			"com.example.shop:shop-api": "9.9.9  23", // project.version comes from the <parent> element itself
		}},
		{"legacy-latin1/pom.xml", map[string]string{"commons-collections:commons-collections": "3.2.1  9"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			pkgs, err := extractPOM(t, nil, "testdata/maven", tc.path)
			if err != nil {
				t.Fatal(err)
			}
			got := summary(pkgs)
			if len(got) != len(tc.want) {
				t.Errorf("got %d packages %v, want %d", len(got), got, len(tc.want))
			}
			for name, w := range tc.want {
				if got[name] != w {
					t.Errorf("%s: got %q, want %q", name, got[name], w)
				}
			}
			for _, p := range pkgs {
				g, a, _ := strings.Cut(p.Name, ":")
				if p.Ecosystem != vouch.EcosystemMaven || p.PURL != fmt.Sprintf("pkg:maven/%s/%s@%s", g, a, p.Version) ||
					p.Relationship != vouch.RelationshipDirect || p.Locations[0].Path != tc.path {
					t.Errorf("%s: %+v", p.Name, p)
				}
			}
		})
	}
}

func TestPOMWithoutTree(t *testing.T) {
	data, _ := os.ReadFile("testdata/maven/shop-api/pom.xml")
	pkgs, err := pomExtractor{}.Extract(context.Background(), &extractor.File{Path: "pom.xml", Reader: bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	// Without the parent only explicit versions resolve.
	got := summary(pkgs)
	if len(got) != 3 || got["org.apache.commons:commons-lang3"] == "" || got["org.projectlombok:lombok"] == "" || got["com.google.code.findbugs:jsr305"] == "" {
		t.Errorf("got %v", got)
	}
}

func TestPOMParentPaths(t *testing.T) {
	parent := `<project><groupId>g</groupId><artifactId>parent</artifactId><version>1</version>
<properties><v>7.0</v></properties></project>`
	child := func(rel string) string {
		return `<project><parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version>` + rel +
			`</parent><artifactId>c</artifactId><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>${v}</version></dependency></dependencies></project>`
	}
	for _, tc := range []struct {
		name  string
		fsys  fstest.MapFS
		child string
		found bool
	}{
		{"default ../pom.xml", fstest.MapFS{"pom.xml": {Data: []byte(parent)}, "c/pom.xml": {Data: []byte(child(""))}}, "c/pom.xml", true},
		{"directory relativePath", fstest.MapFS{"base/pom.xml": {Data: []byte(parent)}, "c/pom.xml": {Data: []byte(child("<relativePath>../base</relativePath>"))}}, "c/pom.xml", true},
		{"file relativePath, windows slashes", fstest.MapFS{"base/parent.xml": {Data: []byte(parent)}, "c/pom.xml": {Data: []byte(child(`<relativePath>..\base\parent.xml</relativePath>`))}}, "c/pom.xml", true},
		{"empty relativePath", fstest.MapFS{"pom.xml": {Data: []byte(parent)}, "c/pom.xml": {Data: []byte(child("<relativePath/>"))}}, "c/pom.xml", false},
		{"outside the tree", fstest.MapFS{"pom.xml": {Data: []byte(child(""))}}, "pom.xml", false},
		{"escaping with ..", fstest.MapFS{"c/pom.xml": {Data: []byte(child("<relativePath>../../../etc/pom.xml</relativePath>"))}}, "c/pom.xml", false},
		{"broken parent", fstest.MapFS{"pom.xml": {Data: []byte("<project><oops></project>")}, "c/pom.xml": {Data: []byte(child(""))}}, "c/pom.xml", false},
		{"not the named parent", fstest.MapFS{"pom.xml": {Data: []byte(strings.Replace(parent, "<artifactId>parent", "<artifactId>other", 1))}, "c/pom.xml": {Data: []byte(child(""))}}, "c/pom.xml", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := extractPOM(t, tc.fsys, "", tc.child)
			if err != nil {
				t.Fatal(err)
			}
			if found := len(pkgs) == 1 && pkgs[0].Version == "7.0"; found != tc.found {
				t.Errorf("parent found = %v, want %v (%+v)", found, tc.found, pkgs)
			}
		})
	}
}

// TestPOMDeepChain: a chain longer than the cap stops at the cap, and a
// two-pom cycle ends.
func TestPOMDeepChain(t *testing.T) {
	fsys := fstest.MapFS{}
	dir := ""
	for i := 0; i <= maxParentDepth+2; i++ {
		var parent string
		if i <= maxParentDepth+1 {
			parent = fmt.Sprintf("<parent><groupId>g</groupId><artifactId>a%d</artifactId><version>1</version></parent>", i+1)
		}
		fsys[dir+"pom.xml"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"<project>%s<groupId>g</groupId><artifactId>a%d</artifactId><version>1</version><properties><p%d>v%d</p%d></properties>"+
				"<dependencies><dependency><groupId>x</groupId><artifactId>near</artifactId><version>${p%d}</version></dependency>"+
				"<dependency><groupId>x</groupId><artifactId>far</artifactId><version>${p%d}</version></dependency></dependencies></project>",
			parent, i, i, i, i, i+maxParentDepth, i+maxParentDepth+1))}
		dir = "d/" + dir
	}
	// File i names file i+1 as its parent; place file 0 deepest, so that
	// each file's parent is at ../pom.xml. File 0 has maxParentDepth+2
	// ancestors: "near" is defined maxParentDepth levels up, "far" one
	// level beyond the cap.
	tree := fstest.MapFS{}
	n := maxParentDepth + 3
	for i := 0; i < n; i++ {
		tree[strings.Repeat("d/", n-1-i)+"pom.xml"] = fsys[strings.Repeat("d/", i)+"pom.xml"]
	}
	pkgs, err := extractPOM(t, tree, "", strings.Repeat("d/", n-1)+"pom.xml")
	if err != nil {
		t.Fatal(err)
	}
	got := summary(pkgs)
	if got["x:near"] == "" || got["x:far"] != "" {
		t.Errorf("depth cap: got %v", got)
	}

	cycle := fstest.MapFS{
		"a/pom.xml": {Data: []byte(`<project><parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b/pom.xml</relativePath></parent><artifactId>a</artifactId>
<dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>${nowhere}</version></dependency></dependencies></project>`)},
		"b/pom.xml": {Data: []byte(`<project><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a/pom.xml</relativePath></parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version></project>`)},
	}
	if pkgs, err := extractPOM(t, cycle, "", "a/pom.xml"); err != nil || len(pkgs) != 0 {
		t.Errorf("cycle: %v %v", pkgs, err)
	}
}

func TestPOMInterpolation(t *testing.T) {
	m := &model{chain: []*pom{{
		groupID: "g", artifactID: "a", parent: &parentRef{groupID: "pg", version: "3.0"},
		props: map[string]string{"a": "${b}", "b": "${c}", "c": "1.0", "self": "${self}", "x": "${a}-${b}", "bad": "${unclosed"},
	}}}
	for in, want := range map[string]string{
		"${a}": "1.0", "${x}": "1.0-1.0", "${project.version}": "3.0", "${pom.version}": "3.0", "${version}": "3.0",
		"${project.groupId}": "g", "${project.parent.groupId}": "pg", "${parent.version}": "3.0", "plain": "plain",
		"${self}": "", "${bad}": "", "${env.HOME}": "", "${project.artifactId}": "a",
	} {
		got, ok := m.interpolate(in)
		if ok != (want != "") || got != want {
			t.Errorf("interpolate(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestPOMErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not xml", "project: yes\n", "not a Maven POM"},
		{"other root", "<?xml version=\"1.0\"?>\n<settings/>", "the root element is <settings>"},
		{"unclosed", "<project>\n  <dependencies>\n    <dependency>\n", "line 4: element <dependency> not closed at the end of the file"},
		{"mismatched", "<project>\n<groupId>g</artifactId>\n</project>", "line 2: element <groupId> closed by </artifactId>"},
		{"unknown entity", "<project>\n<version>&nope;</version></project>", "line 2: invalid character entity &nope;"},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"EBCDIC\"?><project/>", "unsupported encoding"},
		{"deep", "<project>" + strings.Repeat("<a>", maxXMLDepth) + strings.Repeat("</a>", maxXMLDepth) + "</project>", "nested too deeply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pomExtractor{}.Extract(context.Background(), &extractor.File{Path: "pom.xml", Reader: strings.NewReader(tc.in)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func FuzzPOM(f *testing.F) {
	parent := []byte(`<project><groupId>g</groupId><artifactId>p</artifactId><version>1</version><properties><v>2</v></properties>
<dependencyManagement><dependencies><dependency><groupId>x</groupId><artifactId>m</artifactId><version>${v}</version></dependency></dependencies></dependencyManagement></project>`)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"pom.xml": {Data: parent}, "c/pom.xml": {Data: data}}
		pkgs, err := pomExtractor{}.Extract(context.Background(), &extractor.File{Path: "c/pom.xml", Reader: bytes.NewReader(data), FS: fsys})
		if err != nil && len(pkgs) > 0 {
			t.Fatal("packages and an error")
		}
		for _, p := range pkgs {
			if p.Version == "" || !strings.Contains(p.Name, ":") || p.PURL == "" {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

// BenchmarkPOM parses a generated pom with 2,000 dependencies, half of
// them versioned through properties and dependencyManagement of an
// in-tree parent.
func BenchmarkPOM(b *testing.B) {
	var parent, child bytes.Buffer
	parent.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>parent</artifactId>\n  <version>1.0.0</version>\n  <properties>\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&parent, "    <lib%d.version>1.%d.0</lib%d.version>\n", i, i, i)
	}
	parent.WriteString("  </properties>\n  <dependencyManagement>\n    <dependencies>\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&parent, "      <dependency>\n        <groupId>org.example.m%d</groupId>\n        <artifactId>managed-%d</artifactId>\n        <version>${lib%d.version}</version>\n      </dependency>\n", i%50, i, i)
	}
	parent.WriteString("    </dependencies>\n  </dependencyManagement>\n</project>\n")
	child.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n  <parent>\n    <groupId>com.example</groupId>\n    <artifactId>parent</artifactId>\n    <version>1.0.0</version>\n  </parent>\n  <artifactId>child</artifactId>\n  <dependencies>\n")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&child, "    <dependency>\n      <groupId>org.example.m%d</groupId>\n      <artifactId>managed-%d</artifactId>\n    </dependency>\n", i%50, i)
		fmt.Fprintf(&child, "    <dependency>\n      <groupId>org.example.d%d</groupId>\n      <artifactId>direct-%d</artifactId>\n      <version>2.%d.1</version>\n      <scope>test</scope>\n    </dependency>\n", i%50, i, i)
	}
	child.WriteString("  </dependencies>\n</project>\n")
	fsys := fstest.MapFS{"pom.xml": {Data: parent.Bytes()}, "child/pom.xml": {Data: child.Bytes()}}
	b.SetBytes(int64(parent.Len() + child.Len()))
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := extractPOM(b, fsys, "", "child/pom.xml")
		if err != nil || len(pkgs) != 2000 {
			b.Fatal(err, len(pkgs))
		}
	}
}
