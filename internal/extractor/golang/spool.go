package golang

// memSpoolLimit is how much of a file without random access is buffered in
// memory; beyond it the file is spooled to a temporary file.
// A variable so that tests can exercise the temporary file.
var memSpoolLimit int64 = 64 << 20
