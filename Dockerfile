# Build: cgo is required by the DuckDB driver, so both stages use glibc.
FROM golang:1.26-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum package.json package-lock.json ./
RUN go mod download && npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN make build VERSION=docker

FROM debian:bookworm-slim
# Chromium prints the yearly reports to PDF (GET /reports/network.pdf,
# infocentre report --format pdf); fonts-dejavu gives it the report's font.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates chromium fonts-dejavu-core && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data infocentre \
    && mkdir -p /data && chown infocentre /data
COPY --from=build /src/bin/infocentre /usr/local/bin/infocentre
USER infocentre
VOLUME ["/data"]
ENV INFOCENTRE_DB=/data/infocentre.duckdb INFOCENTRE_CHROMIUM=/usr/bin/chromium
EXPOSE 8080
ENTRYPOINT ["infocentre"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--demo"]
