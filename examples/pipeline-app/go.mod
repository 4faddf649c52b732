module example.com/pipeline-app

go 1.26.8
