#!/usr/bin/env python3
"""Compare vouch's misconfiguration findings with Trivy's on the same tree.

    compare.py VOUCH.json TRIVY.json [LABEL]

VOUCH.json is `vouch scan --scanners misconfig --format json` (suppressed
findings count as found); TRIVY.json is `trivy config --format json`. Trivy check ids are mapped to
the vouch check(s) that test the same thing (MAP); a Trivy finding counts as
found when vouch reports one of those checks on the same file and the same
resource (or overlapping lines). Prints, per check family, how many Trivy
findings have an equivalent vouch check, how many of those vouch found, the
misses, and the Trivy checks vouch has no equivalent for (NO_EQUIVALENT,
with the reason)."""
import collections
import json
import sys

MAP = {
    # AWS
    "AWS-0014": ["VCH-AWS-0070"], "AWS-0015": ["VCH-AWS-0072"], "AWS-0016": ["VCH-AWS-0071"],
    "AWS-0017": ["VCH-AWS-0065"], "AWS-0024": ["VCH-AWS-0052"], "AWS-0025": ["VCH-AWS-0053"],
    "AWS-0026": ["VCH-AWS-0037"], "AWS-0028": ["VCH-AWS-0035"], "AWS-0130": ["VCH-AWS-0035"],
    "AWS-0029": ["VCH-AWS-0039"], "AWS-0030": ["VCH-AWS-0066"], "AWS-0031": ["VCH-AWS-0067"],
    "AWS-0033": ["VCH-AWS-0068"], "AWS-0037": ["VCH-AWS-0049"], "AWS-0038": ["VCH-AWS-0080"],
    "AWS-0039": ["VCH-AWS-0079"], "AWS-0040": ["VCH-AWS-0077"], "AWS-0041": ["VCH-AWS-0078"],
    "AWS-0043": ["VCH-AWS-0057"], "AWS-0046": ["VCH-AWS-0058"], "AWS-0048": ["VCH-AWS-0056"],
    "AWS-0052": ["VCH-AWS-0083"], "AWS-0053": ["VCH-AWS-0082"], "AWS-0054": ["VCH-AWS-0081"],
    "AWS-0057": ["VCH-AWS-0013", "VCH-AWS-0014", "VCH-AWS-0015"],
    "AWS-0065": ["VCH-AWS-0069"], "AWS-0066": ["VCH-AWS-0075"], "AWS-0067": ["VCH-AWS-0076"],
    "AWS-0075": ["VCH-AWS-0060"], "AWS-0076": ["VCH-AWS-0059"], "AWS-0077": ["VCH-AWS-0044"],
    "AWS-0079": ["VCH-AWS-0043"], "AWS-0080": ["VCH-AWS-0043"], "AWS-0082": ["VCH-AWS-0042"],
    # Where a bucket has no access block at all, Trivy reports each of the
    # four settings; vouch reports the missing block once (VCH-AWS-0002).
    "AWS-0086": ["VCH-AWS-0003", "VCH-AWS-0002"], "AWS-0087": ["VCH-AWS-0004", "VCH-AWS-0002"], "AWS-0088": ["VCH-AWS-0007"],
    "AWS-0089": ["VCH-AWS-0010"], "AWS-0090": ["VCH-AWS-0009"], "AWS-0091": ["VCH-AWS-0005", "VCH-AWS-0002"],
    "AWS-0092": ["VCH-AWS-0001"], "AWS-0093": ["VCH-AWS-0006", "VCH-AWS-0002"], "AWS-0094": ["VCH-AWS-0002"],
    "AWS-0095": ["VCH-AWS-0051"], "AWS-0096": ["VCH-AWS-0050"], "AWS-0099": ["VCH-AWS-0030"],
    "AWS-0101": ["VCH-AWS-0041"], "AWS-0104": ["VCH-AWS-0028"], "AWS-0178": ["VCH-AWS-0040"],
    "AWS-0105": ["VCH-AWS-0031"],
    "AWS-0107": ["VCH-AWS-0023", "VCH-AWS-0024", "VCH-AWS-0025", "VCH-AWS-0026", "VCH-AWS-0027"],
    "AWS-0124": ["VCH-AWS-0029"], "AWS-0131": ["VCH-AWS-0036"], "AWS-0008": ["VCH-AWS-0036"],
    "AWS-0009": ["VCH-AWS-0033"], "AWS-0132": ["VCH-AWS-0008", "VCH-AWS-0007"],
    "AWS-0143": ["VCH-AWS-0018"], "AWS-0162": ["VCH-AWS-0073"], "AWS-0164": ["VCH-AWS-0034"],
    "AWS-0176": ["VCH-AWS-0045"], "AWS-0177": ["VCH-AWS-0046"], "AWS-0343": ["VCH-AWS-0046"],
    "AWS-0180": ["VCH-AWS-0042"], "AWS-0342": ["VCH-AWS-0016"],
    "AWS-0345": ["VCH-AWS-0014", "VCH-AWS-0015"], "AWS-0036": ["VCH-AWS-0087"],
    "AWS-0084": ["VCH-AWS-0061"], "AWS-0021": ["VCH-AWS-0063"], "AWS-0064": ["VCH-AWS-0064"],
    "AWS-0045": ["VCH-AWS-0054"], "AWS-0051": ["VCH-AWS-0055"], "AWS-0073": ["VCH-AWS-0089"],
    "AWS-0012": ["VCH-AWS-0085"], "AWS-0013": ["VCH-AWS-0086"], "AWS-0047": ["VCH-AWS-0084"],
    # Azure
    "AZU-0004": ["VCH-AZU-0018"], "AZU-0072": ["VCH-AZU-0018"], "AZU-0006": ["VCH-AZU-0019"],
    "AZU-0008": ["VCH-AZU-0002"], "AZU-0011": ["VCH-AZU-0003"], "AZU-0012": ["VCH-AZU-0004"],
    "AZU-0007": ["VCH-AZU-0001"], "AZU-0013": ["VCH-AZU-0013"], "AZU-0014": ["VCH-AZU-0014"],
    "AZU-0017": ["VCH-AZU-0014"], "AZU-0016": ["VCH-AZU-0012"], "AZU-0020": ["VCH-AZU-0020"],
    "AZU-0022": ["VCH-AZU-0011"], "AZU-0038": ["VCH-AZU-0008"], "AZU-0039": ["VCH-AZU-0009"],
    "AZU-0041": ["VCH-AZU-0017"], "AZU-0042": ["VCH-AZU-0015"], "AZU-0043": ["VCH-AZU-0016"],
    "AZU-0047": ["VCH-AZU-0005", "VCH-AZU-0006"], "AZU-0048": ["VCH-AZU-0005"],
    "AZU-0050": ["VCH-AZU-0005"], "AZU-0029": ["VCH-AZU-0010"],
    "AZU-0027": ["VCH-AZU-0022"], "AZU-0028": ["VCH-AZU-0023"], "AZU-0023": ["VCH-AZU-0023"],
    # Google Cloud
    "GCP-0001": ["VCH-GCP-0001"], "GCP-0002": ["VCH-GCP-0002"], "GCP-0015": ["VCH-GCP-0014"],
    "GCP-0017": ["VCH-GCP-0013"], "GCP-0027": ["VCH-GCP-0004", "VCH-GCP-0003"],
    "GCP-0029": ["VCH-GCP-0022"], "GCP-0076": ["VCH-GCP-0022"], "GCP-0030": ["VCH-GCP-0011"],
    "GCP-0031": ["VCH-GCP-0005"], "GCP-0032": ["VCH-GCP-0010"], "GCP-0033": ["VCH-GCP-0006"],
    "GCP-0034": ["VCH-GCP-0006"], "GCP-0037": ["VCH-GCP-0007"], "GCP-0041": ["VCH-GCP-0012"],
    "GCP-0045": ["VCH-GCP-0012"], "GCP-0067": ["VCH-GCP-0012"], "GCP-0043": ["VCH-GCP-0009"],
    "GCP-0044": ["VCH-GCP-0008"], "GCP-0046": ["VCH-GCP-0020"], "GCP-0053": ["VCH-GCP-0016"],
    "GCP-0061": ["VCH-GCP-0016"], "GCP-0056": ["VCH-GCP-0017"], "GCP-0059": ["VCH-GCP-0018"],
    "GCP-0062": ["VCH-GCP-0015"], "GCP-0064": ["VCH-GCP-0019"], "GCP-0065": ["VCH-GCP-0021"],
    "GCP-0070": ["VCH-GCP-0003"], "GCP-0071": ["VCH-GCP-0003"],
    "GCP-0072": ["VCH-GCP-0003", "VCH-GCP-0004"], "GCP-0007": ["VCH-GCP-0023"],
    # Kubernetes
    "KSV-0001": ["VCH-K8S-0002"], "KSV-0003": ["VCH-K8S-0010"], "KSV-0004": ["VCH-K8S-0010"],
    "KSV-0005": ["VCH-K8S-0009"], "KSV-0006": ["VCH-K8S-0021"], "KSV-0008": ["VCH-K8S-0006"],
    "KSV-0009": ["VCH-K8S-0004"], "KSV-0010": ["VCH-K8S-0005"], "KSV-0011": ["VCH-K8S-0011"],
    "KSV-0012": ["VCH-K8S-0007"], "KSV-0013": ["VCH-K8S-0015"], "KSV-0014": ["VCH-K8S-0018"],
    "KSV-0015": ["VCH-K8S-0013"], "KSV-0016": ["VCH-K8S-0014"], "KSV-0017": ["VCH-K8S-0001"],
    "KSV-0018": ["VCH-K8S-0012"], "KSV-0020": ["VCH-K8S-0029", "VCH-K8S-0008", "VCH-K8S-0007"],
    "KSV-0022": ["VCH-K8S-0009"], "KSV-0023": ["VCH-K8S-0003"], "KSV-0024": ["VCH-K8S-0022"],
    "KSV-0026": ["VCH-K8S-0030"], "KSV-0027": ["VCH-K8S-0028"], "KSV-0030": ["VCH-K8S-0019"],
    "KSV-0036": ["VCH-K8S-0016"], "KSV-0041": ["VCH-K8S-0025"], "KSV-0044": ["VCH-K8S-0024"],
    "KSV-0045": ["VCH-K8S-0024"], "KSV-0046": ["VCH-K8S-0024"], "KSV-0053": ["VCH-K8S-0026"],
    "KSV-0104": ["VCH-K8S-0019", "VCH-K8S-0020"], "KSV-0105": ["VCH-K8S-0008"],
    "KSV-0106": ["VCH-K8S-0009", "VCH-K8S-0010"], "KSV-0110": ["VCH-K8S-0023"],
    "KSV-0111": ["VCH-K8S-0027"], "KSV-0112": ["VCH-K8S-0024"], "KSV-0121": ["VCH-K8S-0003"],
    # Dockerfile
    "DS-0001": ["VCH-DKR-0006"], "DS-0002": ["VCH-DKR-0001", "VCH-DKR-0002"],
    "DS-0004": ["VCH-DKR-0017"], "DS-0005": ["VCH-DKR-0004", "VCH-DKR-0003"],
    "DS-0010": ["VCH-DKR-0015"], "DS-0017": ["VCH-DKR-0014"], "DS-0025": ["VCH-DKR-0018"],
    "DS-0026": ["VCH-DKR-0016"], "DS-0029": ["VCH-DKR-0013"], "DS-0031": ["VCH-DKR-0008"],
}

# Trivy checks vouch has no equivalent for, and why.
NO_EQUIVALENT = {
    "AWS-0001": "API Gateway access logging: observability, not exposure; API Gateway is not covered",
    "AWS-0003": "API Gateway X-Ray tracing: observability; API Gateway is not covered",
    "AWS-0004": "API Gateway methods without authorization: API Gateway is not covered (left out)",
    "AWS-0027": "EBS volumes with AWS-managed rather than customer keys: vouch flags unencrypted volumes (VCH-AWS-0036/0037), not the key owner",
    "AWS-0034": "ECS Container Insights: monitoring, not a security control",
    "AWS-0042": "Elasticsearch domain logging: not covered",
    "AWS-0098": "Secrets Manager with AWS-managed keys: not covered",
    "AWS-0123": "IAM group MFA enforcement via policy: account governance, not resource configuration",
    "AWS-0126": "Elasticsearch TLS policy: not covered (vouch enforces HTTPS, VCH-AWS-0058)",
    "AWS-0128": "Neptune with AWS-managed keys: vouch flags unencrypted storage (VCH-AWS-0059) only",
    "AWS-0133": "Performance Insights disabled: a monitoring feature, not a security control",
    "AZU-0001": "App Service client certificates: not covered",
    "AZU-0002": "App Service managed identity: not covered",
    "AZU-0003": "App Service authentication: not covered",
    "AZU-0005": "App Service HTTP/2: not a security control",
    "AZU-0010": "Storage account trusted-services bypass: not covered",
    "AZU-0015": "Key Vault secret content type: not a security control",
    "AZU-0018": "Security Center contact email: subscription governance, not covered",
    "AZU-0019": "PostgreSQL log_connections parameter: not covered",
    "AZU-0021": "PostgreSQL connection_throttling parameter: not covered",
    "AZU-0024": "PostgreSQL log_checkpoints parameter: not covered",
    "AZU-0026": "database minimum TLS: not covered (vouch enforces SSL, VCH-AZU-0020)",
    "AZU-0031": "activity log retention: subscription governance, not covered",
    "AZU-0032": "activity log locations: subscription governance, not covered",
    "AZU-0033": "activity log categories: subscription governance, not covered",
    "AZU-0035": "Data Factory public network access: Data Factory is not covered",
    "AZU-0040": "AKS Azure Monitor logging: observability, not covered",
    "AZU-0044": "Security Center high-severity notifications: governance, not covered",
    "AZU-0045": "Security Center standard tier: billing tier, not resource configuration",
    "AZU-0046": "Security Center contact details: governance, not covered",
    "AZU-0049": "flow log retention: not covered",
    "AZU-0052": "custom role creation: not covered",
    "AZU-0057": "storage queue logging: not covered",
    "AZU-0058": "geo-redundant replication: availability, not security",
    "AZU-0061": "storage infrastructure encryption: double encryption, not covered",
    "AZU-0063": "SQL Server email alerts: not covered",
    "AZU-0065": "AKS private cluster: covered differently (API ranges, VCH-AZU-0017)",
    "AZU-0066": "AKS Azure Policy add-on: not covered",
    "AZU-0067": "AKS disk encryption set: not covered",
    "AZU-0068": "VM not attached to a network: a Trivy artefact of its cross-file model; not a risk",
    "AZU-0071": "App Service FTPS: not covered",
    "AZU-0073": "Network Watcher flow log disabled: not covered",
    "GCP-0014": "PostgreSQL log_temp_files flag: not covered",
    "GCP-0016": "PostgreSQL log_connections flag: not covered",
    "GCP-0020": "PostgreSQL log_lock_waits flag: not covered",
    "GCP-0022": "PostgreSQL log_disconnections flag: not covered",
    "GCP-0024": "Cloud SQL automated backups: availability, not covered",
    "GCP-0025": "PostgreSQL log_checkpoints flag: not covered",
    "GCP-0036": "instance overrides OS Login: covered by VCH-GCP-0011 only when project keys are also allowed",
    "GCP-0048": "GKE legacy metadata endpoints: not covered",
    "GCP-0049": "GKE IP aliasing: not covered",
    "GCP-0050": "GKE node service account: not covered",
    "GCP-0051": "GKE labels: not a security control",
    "GCP-0052": "GKE Stackdriver monitoring: observability",
    "GCP-0054": "GKE node image type: not covered",
    "GCP-0057": "GKE metadata concealment: not covered",
    "GCP-0058": "GKE auto-upgrade: not covered",
    "GCP-0060": "GKE Stackdriver logging: observability",
    "GCP-0063": "GKE auto-repair: availability",
    "GCP-0066": "Cloud Storage CMEK: not covered",
    "GCP-0073": "default firewall rules: not covered",
    "GCP-0074": "firewall with a large port range: not covered (vouch flags all-port and public rules)",
    "GCP-0075": "Private Google Access: not a security control",
    "GCP-0077": "Cloud Storage logging: not covered",
    "GCP-0078": "Cloud Storage versioning: not covered for GCP",
    "KSV-0021": "runs with GID <= 10000: vouch checks UIDs (VCH-K8S-0007/0008/0029), not GIDs",
    "KSV-0117": "binding privileged ports (<1024): not a risk without NET_BIND_SERVICE, which VCH-K8S-0009 governs",
    "KSV-0118": "no pod securityContext at all: vouch reports each missing setting instead (VCH-K8S-0002/0007/0010/0018/0019)",
    "KSV-0125": "trusted registries: organisation-specific allow-list; write a custom check",
    "DS-0013": "RUN cd instead of WORKDIR: style, not security",
}


def family(trivy_id):
    p = trivy_id.split("-")[0]
    return {"AWS": "AWS", "AZU": "Azure", "GCP": "GCP", "KSV": "Kubernetes", "DS": "Dockerfile"}.get(p, p)


def vouch_family(vid):
    return {"AWS": "AWS", "AZU": "Azure", "GCP": "GCP", "K8S": "Kubernetes", "DKR": "Dockerfile",
            "GHA": "GitHub Actions", "GLC": "GitLab CI"}.get(vid.split("-")[1], "other")


def load_vouch(path):
    text = open(path).read()
    try:
        d = json.loads(text)
        findings = (d.get("findings") or []) + (d.get("suppressed") or [])
    except json.JSONDecodeError:  # one finding per line
        findings = [json.loads(l) for l in text.splitlines() if l.strip()]
    return [{"id": f["id"], "path": f["location"]["path"], "line": f["location"].get("line", 0),
             "end": f.get("endLine") or f["location"].get("line", 0), "resource": f.get("resource", ""),
             "used": False} for f in findings if f.get("kind") == "misconfiguration"]


def load_trivy(path):
    d = json.load(open(path))
    out = []
    for r in d.get("Results") or []:
        for m in r.get("Misconfigurations") or []:
            if m.get("Status") != "FAIL":
                continue
            cm = m.get("CauseMetadata") or {}
            out.append({"id": m["ID"], "title": m["Title"], "path": r["Target"], "line": cm.get("StartLine", 0),
                        "end": cm.get("EndLine", 0), "resource": cm.get("Resource", "")})
    return out


def overlap(a, b):
    return a["line"] <= max(b["end"], b["line"]) and b["line"] <= max(a["end"], a["line"])


def main():
    vouch, trivy = load_vouch(sys.argv[1]), load_trivy(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else sys.argv[1]
    stats = collections.defaultdict(collections.Counter)
    misses = collections.defaultdict(list)
    noeq = collections.defaultdict(collections.Counter)
    unknown = collections.Counter()
    by_path = collections.defaultdict(list)
    for v in vouch:
        by_path[v["path"]].append(v)
    for t in trivy:
        fam = family(t["id"])
        stats[fam]["trivy"] += 1
        want = MAP.get(t["id"])
        if want is None:
            if t["id"] in NO_EQUIVALENT:
                noeq[fam][t["id"]] += 1
            else:
                unknown[t["id"] + " " + t["title"]] += 1
            stats[fam]["no equivalent"] += 1
            continue
        stats[fam]["mapped"] += 1
        cands = [v for v in by_path[t["path"]] if v["id"] in want]
        best = None
        for v in cands:
            if t["resource"] and v["resource"] and (v["resource"] == t["resource"] or v["resource"].startswith(t["resource"] + "[")):
                best = v
                break
        if best is None:
            for v in cands:
                if overlap(v, t):
                    best = v
                    break
        if best is None and cands:
            best = cands[0]
        if best is None:
            stats[fam]["missed"] += 1
            misses[fam].append(t)
        else:
            stats[fam]["found"] += 1
            best["used"] = True
    mapped_ids = {x for ids in MAP.values() for x in ids}
    for v in vouch:
        fam = vouch_family(v["id"])
        stats[fam]["vouch"] += 1
        if v["id"] in mapped_ids and not v["used"]:
            stats[fam]["vouch only (mapped check)"] += 1
    print(f"## {label}\n")
    print("| family | Trivy findings | with a vouch equivalent | found by vouch | missed | Trivy check without equivalent | vouch findings | vouch-only on mapped checks |")
    print("|---|---|---|---|---|---|---|---|")
    for fam in ["AWS", "Azure", "GCP", "Kubernetes", "Dockerfile", "GitHub Actions", "GitLab CI"]:
        s = stats[fam]
        if not s:
            continue
        pct = f" ({100 * s['found'] / s['mapped']:.0f}%)" if s["mapped"] else ""
        print(f"| {fam} | {s['trivy']} | {s['mapped']} | {s['found']}{pct} | {s['missed']} | {s['no equivalent']} | {s['vouch']} | {s['vouch only (mapped check)']} |")
    for fam, ms in sorted(misses.items()):
        print(f"\n{fam} misses:")
        for t in ms:
            print(f"  - {t['id']} {t['path']}:{t['line']} {t['resource']} — {t['title']}")
    for fam, c in sorted(noeq.items()):
        print(f"\n{fam} Trivy checks without a vouch equivalent:")
        for k, n in sorted(c.items()):
            print(f"  - {k} ×{n}: {NO_EQUIVALENT[k]}")
    if unknown:
        print("\nUNMAPPED (add to MAP or NO_EQUIVALENT):")
        for k, n in sorted(unknown.items()):
            print(f"  - {k} ×{n}")


if __name__ == "__main__":
    main()
