# syntax=docker/dockerfile:1
#
# dci-graphql container image.
#
#   docker build -t dci-graphql .
#   docker run --rm -p 4000:4000 dci-graphql                       # demo mode: bundled emulator
#   docker run --rm -p 4000:4000 -e DCI_CS_URL=https://api.distributed-ci.io dci-graphql
#
# Node.js LTS line; override with --build-arg NODE_VERSION=<major> when a newer LTS is adopted.
ARG NODE_VERSION=24

# ---- build: all dependencies, generated-code check, TypeScript compile ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.client.json codegen.yml ./
COPY schema ./schema
COPY client ./client
COPY dashboard ./dashboard
COPY scripts ./scripts
COPY src ./src
# The committed resolver types, published schema and typed client must match the SDL; then
# compile src/ and client/ to dist/ and bundle the dashboard into dist/dashboard/.
RUN npm run codegen:check && npm run build

# ---- runtime: production dependencies only, non-root, with an init process ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini reaps zombies and forwards SIGTERM to node, so the gateway drains on `docker stop`.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The server reads the SDL from schema/ at startup; the published schema and the client's
# persisted-documents manifest (for --trusted-documents and APQ) ship with it.
COPY schema ./schema
COPY client/schema.graphql ./client/schema.graphql
COPY client/__generated__/persisted-documents.json ./client/__generated__/persisted-documents.json
USER node
EXPOSE 4000
# /health answers while the process serves; no curl in the image, node's fetch does it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.GATEWAY_PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
