# Build: cgo is required by the DuckDB driver, so both stages use glibc.
FROM golang:1.26-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum package.json package-lock.json ./
RUN go mod download && npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN make build VERSION=docker

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data infocentre \
    && mkdir -p /data && chown infocentre /data
COPY --from=build /src/bin/infocentre /usr/local/bin/infocentre
USER infocentre
VOLUME ["/data"]
ENV INFOCENTRE_DB=/data/infocentre.duckdb
EXPOSE 8080
ENTRYPOINT ["infocentre"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--demo"]
