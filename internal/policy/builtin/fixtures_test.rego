# METADATA
# description: |
#   Inputs for the built-in policies' unit tests: a production deployment
#   with every setting off, and constructors for evidence. Tests turn on
#   what they test with object.union (which merges objects deeply).
package vouch.test.gate

settings := {
	"require_signature": false,
	"require_signed_evidence": false,
	"provenance": {"required": false, "builders": [], "branches": [], "clean": false},
	"scans": {"required": [], "max_age_seconds": 0, "honour_suppressions": false, "allowed_excludes": [], "excludes_deny": false},
	"vulnerabilities": {"deny": "", "warn": "", "fixed_only": false, "unknown": "deny"},
	"secrets": {"deny": "", "warn": "", "fixed_only": false, "unknown": "deny"},
	"misconfig": {"deny": "", "warn": "", "fixed_only": false, "unknown": "deny"},
	"sast": {"deny": "", "warn": "", "fixed_only": false, "unknown": "deny"},
	"sbom": {"required": false},
	"licenses": {"deny": [], "warn": []},
	"approvals": {"required": 0, "approvers": [], "allow_author": false},
	"waivers": {"require_signed": false, "protected": []},
}

base := {
	"schemaVersion": "1",
	"environment": "production",
	"time": "2025-06-02T10:00:00Z",
	"context": {
		"repository": "github.com/acme/payments",
		"branch": "main",
		"commit": "4f6c3a1e9b0d2c7f8a5e6b1d3c9f0a2b4e7d8c1f",
		"actor": "deploy-bot",
		"author": "bob@example.org",
	},
	"artifact": {
		"name": "ghcr.io/acme/payments",
		"digest": "sha256:0c3b4a1f2e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",
		"signed": true,
		"signers": ["SHA256:release-key"],
	},
	"settings": settings,
	"evidence": [],
	"scans": [],
	"sboms": [],
	"sarif": [],
	"provenance": [],
	"approvals": [],
}

# doc is the base input with over merged in.
doc(over) := object.union(base, over)

# with_settings is the base input with these settings merged in.
with_settings(s) := object.union(base, {"settings": s})

scan(id, signed, scanners, findings) := {
	"evidence": id,
	"signed": signed,
	"scanners": scanners,
	"target": "ghcr.io/acme/payments",
	"createdAt": "2025-06-02T09:00:00Z",
	"ageSeconds": 3600,
	"findings": findings,
	"excludePaths": [],
}

vuln(id, severity, purl, fixed) := {
	"kind": "vulnerability",
	"id": id,
	"aliases": [],
	"severity": severity,
	"title": "",
	"package": purl,
	"name": "",
	"version": "",
	"ecosystem": "",
	"fixedIn": fixed,
	"location": "",
	"reachable": "",
	"suppressed": "",
}

finding(kind, id, severity, location) := {
	"kind": kind,
	"id": id,
	"aliases": [],
	"severity": severity,
	"title": sprintf("title of %s", [id]),
	"package": "",
	"name": "",
	"version": "",
	"ecosystem": "",
	"fixedIn": "",
	"location": location,
	"reachable": "",
	"suppressed": "",
}

sbom(id, signed, components) := {"evidence": id, "signed": signed, "format": "cyclonedx", "components": components}

component(purl, licenses) := {"name": purl, "version": "", "purl": purl, "ecosystem": "npm", "licenses": licenses}

provenance(id, signed, over) := object.union(
	{
		"evidence": id,
		"signed": signed,
		"buildType": "https://actions.github.io/buildtypes/workflow/v1",
		"builder": "https://github.com/actions/runner/github-hosted",
		"repository": "https://github.com/acme/payments",
		"ref": "refs/heads/main",
		"branch": "main",
		"commit": "4f6c3a1e9b0d2c7f8a5e6b1d3c9f0a2b4e7d8c1f",
		"dirty": "no",
	},
	over,
)

approval(id, approver, environment) := {
	"evidence": id,
	"approver": approver,
	"environment": environment,
	"comment": "",
	"approvedAt": "2025-06-02T09:30:00Z",
}

# one is the only element of a set of one.
one(s) := x if {
	count(s) == 1
	some x in s
}
