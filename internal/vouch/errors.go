package vouch

import "errors"

// Exit codes, the same for every subcommand.
const (
	ExitOK     = 0 // success, policy passed
	ExitFailed = 1 // findings at or above the threshold, verification failed, gate denied
	ExitInput  = 2 // usage or input error
)

// ErrFailed marks an outcome that is not an error of the run but a verdict
// against the target: findings at or above --fail-on, a failed
// verification, a denied gate. It maps to exit code 1.
var ErrFailed = errors.New("policy failed")

// InputError is bad input or usage: a malformed file, an unknown format, an
// unreachable registry. It maps to exit code 2. Hint, when set, tells the
// user what to do next.
type InputError struct {
	Err  error
	Hint string
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Input wraps err as an InputError with an optional hint.
func Input(err error, hint string) error {
	if err == nil {
		return nil
	}
	return &InputError{Err: err, Hint: hint}
}

// ExitCode maps an error from a run to the process exit code: nil is 0,
// ErrFailed is 1, everything else — input errors and failures to read what
// was asked for — is 2.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrFailed):
		return ExitFailed
	}
	return ExitInput
}
