module github.com/gohugoio/hugo

require (
	github.com/BurntSushi/locker v0.0.0-20171006230638-a6e239ea1c69
	github.com/BurntSushi/toml v0.3.1
	github.com/PuerkitoBio/purell v1.1.1
	github.com/PuerkitoBio/urlesc v0.0.0-20170810143723-de5bf2ad4578 // indirect
	github.com/alecthomas/chroma v0.8.2
	github.com/alecthomas/repr v0.0.0-20181024024818-d37bc2a10ba1 // indirect
	github.com/armon/go-radix v1.0.0
	github.com/aws/aws-sdk-go v1.35.0
	github.com/bep/debounce v1.2.0
	github.com/bep/gitmap v1.1.2
	github.com/bep/godartsass v0.11.0
	github.com/bep/golibsass v0.7.0
	github.com/bep/tmc v0.5.1
	github.com/cli/safeexec v1.0.0
	github.com/disintegration/gift v1.2.1
	github.com/dlclark/regexp2 v1.4.0 // indirect
	github.com/dustin/go-humanize v1.0.0
	github.com/evanw/esbuild v0.8.17
	github.com/fortytw2/leaktest v1.3.0
	github.com/frankban/quicktest v1.11.2
	github.com/fsnotify/fsnotify v1.4.9
	github.com/getkin/kin-openapi v0.32.0
	github.com/ghodss/yaml v1.0.0
	github.com/gobwas/glob v0.2.3
	github.com/gohugoio/testmodBuilder/mods v0.0.0-20190520184928-c56af20f2e95
	github.com/google/go-cmp v0.5.3
	github.com/gorilla/websocket v1.4.2
	github.com/jdkato/prose v1.2.0
	github.com/kylelemons/godebug v1.1.0
	github.com/kyokomi/emoji/v2 v2.2.7
	github.com/magefile/mage v1.10.0
	github.com/markbates/inflect v1.0.4
	github.com/mattn/go-isatty v0.0.12
	github.com/miekg/mmark v1.3.6
	github.com/mitchellh/hashstructure v1.0.0
	github.com/mitchellh/mapstructure v1.3.3
	github.com/muesli/smartcrop v0.3.0
	github.com/nfnt/resize v0.0.0-20180221191011-83c6a9932646 // indirect
	github.com/nicksnyder/go-i18n/v2 v2.1.1
	github.com/niklasfasching/go-org v1.3.2
	github.com/olekukonko/tablewriter v0.0.4
	github.com/pelletier/go-toml v1.8.1
	github.com/pkg/errors v0.9.1
	github.com/rogpeppe/go-internal v1.6.2
	github.com/russross/blackfriday v1.5.3-0.20200218234912-41c5fccfd6f6
	github.com/rwcarlsen/goexif v0.0.0-20190401172101-9e8deecbddbd
	github.com/sanity-io/litter v1.3.0
	github.com/spf13/afero v1.4.1
	github.com/spf13/cast v1.3.1
	github.com/spf13/cobra v1.1.1
	github.com/spf13/fsync v0.9.0
	github.com/spf13/jwalterweatherman v1.1.0
	github.com/spf13/pflag v1.0.5
	github.com/spf13/viper v1.7.1
	github.com/tdewolff/minify/v2 v2.6.2
	github.com/yuin/goldmark v1.2.1
	github.com/yuin/goldmark-highlighting v0.0.0-20200307114337-60d527fdb691
	gocloud.dev v0.20.0
	golang.org/x/image v0.0.0-20191214001246-9130b4cfad52
	golang.org/x/net v0.0.0-20200602114024-627f9648deb9
	golang.org/x/sync v0.0.0-20200317015054-43a5402ce75a
	golang.org/x/text v0.3.4
	google.golang.org/api v0.26.0
	gopkg.in/check.v1 v1.0.0-20190902080502-41f04d3bba15 // indirect
	gopkg.in/ini.v1 v1.51.1 // indirect
	gopkg.in/yaml.v2 v2.4.0
)

replace github.com/markbates/inflect => github.com/markbates/inflect v0.0.0-20171215194931-a12c3aec81a6

go 1.12
