module example.com/sample

go 1.21

require (
	golang.org/x/crypto v0.0.0-20200622213623-75b288015ac9
	golang.org/x/text v0.3.5
	gopkg.in/yaml.v2 v2.2.7
)

require golang.org/x/sys v0.0.0-20190412213103-97732733099d // indirect
