FROM alpine:3.20@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
RUN apk add --no-cache curl=8.9.1-r0
USER 10001
HEALTHCHECK CMD ["/bin/true"]
