# METADATA
# title: Pod sets unsafe sysctls
# description: |
#   Sysctls outside the safe set change kernel behaviour for the whole node.
# related_resources:
#   - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
# custom:
#   id: VCH-K8S-0030
#   severity: MEDIUM
#   remediation: "Remove the sysctl, or use only the safe ones (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start)."
#   inputs: [kubernetes]
#   resource_types: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "PodTemplate"]
package vouch.checks.kubernetes.unsafe_sysctls

import data.vouch.lib
import data.vouch.lib.k8s

safe := {"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"}

deny contains lib.result_at(p.resource, array.concat(p.path, ["securityContext", "sysctls"]), sprintf("%s sets unsafe sysctl %v", [p.resource.address, s.name])) if {
	some p in k8s.pods
	some s in object.get(p.spec, ["securityContext", "sysctls"], [])
	not s.name in safe
}
