# METADATA
# description: Dockerfile helpers.
package vouch.lib.docker

# stages are the stage resources, in order.
stages := object.get(input.types, "stage", [])

# final is the last stage: the image that ships.
final := r if {
	some r in input.types["stage"]
	r.attributes.last
}

# commands holds {"resource", "cmd", "index", "path"} for every instruction.
commands contains {"resource": {"address": r.address, "type": r.type, "name": r.name}, "cmd": c, "index": i, "path": ["commands", i]} if {
	some r in input.types["stage"]
	some i, c in r.attributes.commands
}

# script is the text a RUN executes: its arguments and heredocs.
script(c) := concat("\n", array.concat(c.args, object.get(c, "heredocs", [])))

runs contains {"resource": x.resource, "cmd": x.cmd, "index": x.index, "path": x.path, "script": script(x.cmd)} if {
	some x in commands
	x.cmd.cmd == "run"
}

# shell_commands splits a script into simple commands (on &&, ||, ;, |,
# newlines), trimmed.
shell_commands(s) := [trim_space(p) |
	some p in regex.split(`&&|\|\||;|\n|\|`, s)
	trim_space(p) != ""
]

# base_image: FROM an image (not scratch, not an earlier stage).
base_image(r) if {
	not r.attributes.from.stage
	not r.attributes.from.scratch
	r.attributes.from.ref != ""
}
