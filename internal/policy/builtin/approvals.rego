# METADATA
# title: Approved by enough people other than the author
# description: |
#   Denies a deployment without enough recorded approvals for this
#   environment: distinct approvers, each approval signed by a key bound to
#   the approver, for input.environment, by a listed approver when there is
#   a list, and by someone other than the commit's author unless the author
#   may approve. The message explains every approval that did not count.
#   When the author is unknown, separation of duties cannot be checked and
#   the gate denies. Settings: approvals.required (0 turns it off);
#   approvals.approvers; approvals.allow_author.
package vouch.gate.approvals

import data.vouch.lib.gate

settings := object.get(input.settings, "approvals", {})

required := object.get(settings, "required", 0)

approvers := {lower(a) | some a in object.get(settings, "approvers", [])}

allow_author if settings.allow_author == true

author := lower(trim_space(object.get(input.context, "author", "")))

# refused[a] is why approval a does not count, when it does not.
refused(a) := sprintf("it is for %s", [env]) if {
	env := object.get(a, "environment", "")
	env != input.environment
} else := "not a listed approver" if {
	count(approvers) > 0
	not lower(a.approver) in approvers
} else := "author of the commit" if {
	not allow_author
	author != ""
	lower(a.approver) == author
}

counted := {lower(a.approver) | some a in input.approvals; not refused(a)}

reasons := sort({sprintf("approval by %s does not count: %s", [a.approver, r]) |
	some a in input.approvals
	r := refused(a)
})

deny contains gate.violation(msg, "CRITICAL", gate.ids(input.approvals)) if {
	required > 0
	count(counted) < required
	got := concat("", [sprintf("got %d", [count(counted)]), names, explained])
	msg := sprintf("%s needs %d %s%s; %s", [input.environment, required, gate.plural(required, "approval", "approvals"), by, got])
}

deny contains gate.violation(msg, "CRITICAL", gate.ids(input.approvals)) if {
	required > 0
	not allow_author
	author == ""
	msg := sprintf("%s needs approvals by someone other than the commit author, but the author is unknown (give the gate the commit's author, or set approvals.allow_author)", [input.environment])
}

by := concat("", [
	{true: " from a listed approver", false: ""}[count(approvers) > 0],
	not_by_author,
])

not_by_author := "" if {
	allow_author
} else := " by someone other than the commit author"

names := sprintf(": %s", [concat(", ", sort(counted))]) if {
	count(counted) > 0
} else := ""

explained := sprintf(" (%s)", [concat("; ", reasons)]) if {
	count(reasons) > 0
} else := ""
