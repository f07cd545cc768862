# syntax=docker/dockerfile:1.7
#
# Image for the Newsroom portal (newsroom/portal): reader pages and editor console, listening on port 8080.
# Build from the repository root (the build context must be the whole Maven reactor):
#
#   docker build -f deploy/docker/portal.Dockerfile -t newsroom/portal .
#
# It builds the reactor module portal/ (portal/target/portal-exec.jar). deploy/compose/compose.yaml builds it the
# same way. The ignore file next to this one (portal.Dockerfile.dockerignore) keeps target/, .git and the deploy
# tooling out of the context. The portal has no database and no broker; nothing secret is baked in: every setting
# comes from the environment at run time (PORT, ARTICLE_SERVICE_URL, CATEGORY_SERVICE_URL, STATS_SERVICE_URL,
# PORTAL_*; see deploy/README.md).

ARG SERVICE=portal

# ---- build: compile the module (and the modules it depends on) and explode the layered jar ----
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl "${SERVICE}" -am package -DskipTests \
 && cp "${SERVICE}/target/${SERVICE}-exec.jar" /workspace/app.jar \
 && java -Djarmode=tools -jar /workspace/app.jar extract --layers --launcher --destination /workspace/extracted \
 && cd /workspace/extracted \
 && mkdir -p dependencies spring-boot-loader snapshot-dependencies application \
 && if grep -q '^Start-Class: org.springframework.boot.loader' application/META-INF/MANIFEST.MF; then \
      echo "${SERVICE}-exec.jar starts a launcher, not the application: the jar was repackaged twice." \
           "Give the module's repackage execution <id>repackage</id> so it replaces the parent's." >&2; \
      exit 1; \
    fi

# ---- runtime: JRE only, non-root, one layer per rate of change (dependencies change least) ----
FROM eclipse-temurin:17-jre AS runtime
ARG SERVICE
# curl serves the HEALTHCHECK below; the uid/gid are numeric so Kubernetes' runAsNonRoot can verify them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 newsroom \
 && useradd --system --uid 10001 --gid newsroom --home-dir /app --no-create-home --shell /usr/sbin/nologin newsroom
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

ENV SERVICE_NAME=${SERVICE} \
    PORT=8080 \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JAVA_OPTS=""
EXPOSE 8080
USER 10001:10001

# Liveness only: readiness (Kafka/MongoDB reachable) is for the orchestrator to route traffic, not to restart.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health/liveness" > /dev/null || exit 1

# Container-aware heap (75 % of the memory limit), die fast on OOM so the orchestrator restarts us;
# JAVA_OPTS adds flags at run time. exec keeps java as PID 1 so SIGTERM starts Spring's graceful shutdown.
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "--"]
