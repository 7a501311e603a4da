# syntax=docker/dockerfile:1
# genai-pitch as a container image: docker build -t genai-pitch .
# Runs `serve` as a non-root user with the launcher's JVM flags; see docs/deploy.md.

# ---- build: the same Maven build as ./genai-pitch (tests run in CI, not here)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true -Dteams.package.skip=true package -pl app -am

# ---- run: a JRE, the jar and its libraries, nothing else
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 genai-pitch \
 && useradd --system --uid 10001 --gid genai-pitch --no-create-home --shell /usr/sbin/nologin genai-pitch \
 && mkdir -p /app /guide \
 && chown genai-pitch:genai-pitch /guide
WORKDIR /app
COPY --from=build /src/app/target/genai-pitch.jar /app/genai-pitch.jar
COPY --from=build /src/app/target/lib /app/lib

# Settings are environment variables (docs/configuration.md); secrets come from the orchestrator.
# Edited guide content: mount a directory at /guide and set GUIDE_DIR=/guide (it reloads on change).
ENV PORT=3000 \
    LOG_FORMAT=json
VOLUME ["/guide"]
EXPOSE 3000
USER 10001:10001

# /healthz without depending on curl: bash's /dev/tcp, one HTTP/1.0 request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

# SIGTERM: /readyz turns 503, in-flight requests get SHUTDOWN_TIMEOUT to finish, then exit 0.
STOPSIGNAL SIGTERM
# The launcher's JVM flags (./genai-pitch): measured in docs/performance.md.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx128m", "-Xmn16m", "-jar", "/app/genai-pitch.jar"]
CMD ["serve"]
