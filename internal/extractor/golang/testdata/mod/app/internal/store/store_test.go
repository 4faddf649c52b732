package store

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOpen(t *testing.T) { require.NoError(t, nil) }
