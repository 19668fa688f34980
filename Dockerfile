# Parley: docker build -t parley . && docker run --env-file .env -v parley-db:/app/data/db parley
# (or compose.yaml: the bot with Redis). Node 24 LTS; the image runs node directly, so the bot
# itself receives docker stop's SIGTERM and drains before exiting.
ARG NODE_VERSION=24

# 1. Build: TypeScript → dist/. Install scripts are skipped: tsc needs no native modules.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/discord-emulator/package.json packages/discord-emulator/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY commands commands
RUN npm run build

# 2. Production dependencies only (no tsx, TypeScript or emulator). sqlite3 downloads a prebuilt
# binary, or compiles one with the build tools, which stay in this stage.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY packages/discord-emulator/package.json packages/discord-emulator/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: node_modules, dist/ and the article library, as the unprivileged `node` user.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_URL=sqlite://data/db/parley.sqlite \
    HEALTH_PORT=8080 \
    OPS_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/dist dist
COPY --chown=node:node package.json ./
COPY --chown=node:node data data
# The volume holds only what Parley writes (the SQLite database); the article library in data/
# comes with the image, so an upgrade brings its articles instead of a volume's stale copy.
RUN mkdir -p data/db && chown node:node data/db
USER node
VOLUME ["/app/data/db"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "dist/src/index.js"]
