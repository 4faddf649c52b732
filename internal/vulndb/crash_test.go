package vulndb

func runChild() bool { return false }
