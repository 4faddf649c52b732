package vulndb

const downloadPrefix = "download-"
