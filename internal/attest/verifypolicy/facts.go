package verifypolicy

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/provenance"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func fingerprint(v signing.Verifier) string {
	if v == nil {
		return "unknown key"
	}
	return signing.Fingerprint(v.PublicKey())
}

// provenanceFacts are what a policy asks of SLSA provenance.
type provenanceFacts struct {
	builder    string
	repository string
	ref        string
	dirty      bool
	dirtyKnown bool
}

// GitHub's build type for workflows (actions/attest-build-provenance).
const githubWorkflowBuildType = "https://actions.github.io/buildtypes/workflow/v1"

// readProvenance reads the facts from a SLSA provenance v1 predicate:
// vouch's own build type records them all; GitHub's workflow build type
// records repository and ref; for any other, the first git resolved
// dependency ("git+URL@REF") names repository and ref.
func readProvenance(pred json.RawMessage) provenanceFacts {
	var p struct {
		BuildDefinition struct {
			BuildType            string          `json:"buildType"`
			ExternalParameters   json.RawMessage `json:"externalParameters"`
			ResolvedDependencies []struct {
				URI string `json:"uri"`
			} `json:"resolvedDependencies"`
		} `json:"buildDefinition"`
		RunDetails struct {
			Builder struct {
				ID string `json:"id"`
			} `json:"builder"`
		} `json:"runDetails"`
	}
	var f provenanceFacts
	if json.Unmarshal(pred, &p) != nil {
		return f
	}
	f.builder = p.RunDetails.Builder.ID
	switch p.BuildDefinition.BuildType {
	case provenance.BuildType:
		var x struct {
			Source struct {
				Repository string `json:"repository"`
				Ref        string `json:"ref"`
				Dirty      *bool  `json:"dirty"`
			} `json:"source"`
		}
		if json.Unmarshal(p.BuildDefinition.ExternalParameters, &x) == nil {
			f.repository, f.ref = x.Source.Repository, x.Source.Ref
			if x.Source.Dirty != nil {
				f.dirty, f.dirtyKnown = *x.Source.Dirty, true
			}
		}
		return f
	case githubWorkflowBuildType:
		var x struct {
			Workflow struct {
				Ref        string `json:"ref"`
				Repository string `json:"repository"`
			} `json:"workflow"`
		}
		if json.Unmarshal(p.BuildDefinition.ExternalParameters, &x) == nil {
			f.repository, f.ref = x.Workflow.Repository, x.Workflow.Ref
		}
		return f
	}
	for _, d := range p.BuildDefinition.ResolvedDependencies {
		if rest, ok := strings.CutPrefix(d.URI, "git+"); ok {
			f.repository = rest
			if i := strings.LastIndex(rest, "@"); i > strings.Index(rest, "://")+3 && i > 0 {
				f.repository, f.ref = rest[:i], rest[i+1:]
			}
			break
		}
	}
	return f
}

// evidenceTime is when a statement's predicate says it was made, for the
// predicate types that say.
func evidenceTime(st *attest.Statement) (time.Time, bool) {
	var doc map[string]json.RawMessage
	if json.Unmarshal(st.Predicate, &doc) != nil {
		return time.Time{}, false
	}
	var paths [][]string
	switch st.PredicateType {
	case attest.SLSAProvenanceV1:
		paths = [][]string{{"runDetails", "metadata", "finishedOn"}, {"runDetails", "metadata", "startedOn"}}
	case attest.SLSAProvenanceV02:
		paths = [][]string{{"metadata", "buildFinishedOn"}, {"metadata", "buildStartedOn"}}
	case attest.VouchScan, attest.VouchDesiredState:
		paths = [][]string{{"createdAt"}}
	case attest.CycloneDX:
		paths = [][]string{{"metadata", "timestamp"}}
	case attest.SPDX:
		paths = [][]string{{"creationInfo", "created"}}
	case attest.OpenVEX:
		paths = [][]string{{"timestamp"}}
	case attest.CosignCustom, attest.CosignVuln:
		paths = [][]string{{"Timestamp"}, {"metadata", "scanFinishedOn"}}
	}
	for _, p := range paths {
		if t, ok := lookupTime(doc, p); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func lookupTime(doc map[string]json.RawMessage, p []string) (time.Time, bool) {
	cur := doc
	for i, k := range p {
		raw, ok := cur[k]
		if !ok {
			return time.Time{}, false
		}
		if i == len(p)-1 {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				return time.Time{}, false
			}
			t, err := time.Parse(time.RFC3339, s)
			return t, err == nil
		}
		cur = nil
		if json.Unmarshal(raw, &cur) != nil {
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}

// checkScan holds the newest usable scan to the severity limit.
func checkScan(sp *ScanPolicy, ev *attest.Evidence, usable func(string) ([]*attest.Verified, []string), add func(string, bool, string)) {
	vs, why := usable(attest.VouchScan)
	if len(vs) == 0 {
		add("scan", false, missing(ev, attest.VouchScan, why))
		return
	}
	var res struct {
		Findings []vouch.Finding `json:"findings"`
	}
	if err := json.Unmarshal(vs[0].Statement.Predicate, &res); err != nil {
		add("scan", false, fmt.Sprintf("the scan from %s cannot be read: %v", vs[0].Source, err))
		return
	}
	ignoreUnknown := sp.UnknownSeverity == "ignore"
	var over []string
	n := 0
	for _, f := range res.Findings {
		if f.Suppressed != nil {
			continue
		}
		above := f.Severity > sp.max
		if f.Severity == vouch.SeverityUnknown {
			above = !ignoreUnknown
		}
		if !above {
			continue
		}
		n++
		if len(over) < 5 {
			what := f.ID
			if f.Package != nil {
				what += " in " + f.Package.Name + "@" + f.Package.Version
			}
			over = append(over, fmt.Sprintf("%s (%s)", what, f.Severity))
		}
	}
	limit := "nothing above " + sp.max.String()
	if n == 0 {
		add("scan "+limit, true, fmt.Sprintf("%d findings, none above %s (scan from %s)", len(res.Findings), sp.max, vs[0].Source))
		return
	}
	detail := fmt.Sprintf("%d finding(s) above %s: %s", n, sp.max, strings.Join(over, ", "))
	if n > len(over) {
		detail += fmt.Sprintf(" and %d more", n-len(over))
	}
	add("scan "+limit, false, detail)
}
