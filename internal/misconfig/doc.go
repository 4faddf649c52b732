// Package misconfig finds insecure infrastructure and pipeline
// configuration before it is provisioned.
package misconfig
