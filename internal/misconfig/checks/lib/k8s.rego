# METADATA
# description: |
#   Kubernetes helpers: pod specs of every workload kind and their
#   containers, with the attribute path of each.
package vouch.lib.k8s

# Where the pod spec sits in each workload kind.
spec_paths := {
	"Pod": ["spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"PodTemplate": ["template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

workload_kinds := {k | some k, _ in spec_paths}

# pods holds {"resource", "spec", "path"} for every pod spec in the input.
pods contains {"resource": lite(r), "spec": spec, "path": p} if {
	some ty, p in spec_paths
	some r in input.types[ty]
	spec := object.get(r.attributes, p, null)
	is_object(spec)
}

lite(r) := {"address": r.address, "type": r.type, "name": r.name, "annotations": object.get(r.attributes, ["metadata", "annotations"], {})}

# containers holds {"resource", "pod_sc", "container", "name", "path"} for
# every container, init container and ephemeral container; pod_sc is the
# pod's securityContext.
containers contains {
	"resource": p.resource, "pod_sc": object.get(p.spec, "securityContext", {}), "container": c,
	"name": name, "path": array.concat(p.path, [key, i]),
	"label": sprintf("container %q of %s", [name, p.resource.address]),
} if {
	some p in pods
	some key in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in object.get(p.spec, key, [])
	is_object(c)
	name := object.get(c, "name", "")
}

# sc is a container's securityContext, or {}.
sc(c) := object.get(c.container, "securityContext", {})

# pod_sc is the pod's securityContext, or {}.
pod_sc(c) := c.pod_sc

# effective returns a container security setting, falling back to the
# pod's, or null when neither sets it.
effective(c, key) := v if {
	v := sc(c)[key]
} else := v if {
	v := pod_sc(c)[key]
} else := null

# at is the path of a container setting.
at(c, rest) := array.concat(c.path, rest)

# label names a container in messages.
label(c) := c.label
