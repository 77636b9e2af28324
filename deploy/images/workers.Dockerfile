# syntax=docker/dockerfile:1
# The worker node, CPU backend: ghcr.io/ixbi/ixbi-workers. From the repository's root, after
# ./mvnw -B -DskipTests package:
#   docker build -f deploy/images/workers.Dockerfile -t ghcr.io/ixbi/ixbi-workers:0.1.0 .
# The GPU pool's image is workers-cuda.Dockerfile.
FROM eclipse-temurin:17.0.16_8-jre-noble

RUN groupadd --system --gid 10001 ixbi \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin ixbi \
 && mkdir -p /var/lib/ixbi/scratch \
 && chown 10001:10001 /var/lib/ixbi/scratch

COPY --chmod=0755 deploy/images/ixbi-entrypoint.sh /opt/ixbi/entrypoint
COPY --chmod=0755 deploy/images/ixbi-healthcheck.sh /opt/ixbi/healthcheck
COPY --chmod=0644 workers/target/ixbi-workers.jar /opt/ixbi/app.jar

USER 10001:10001
WORKDIR /opt/ixbi
# the scratch folder (ixbi.workers.scratch); a volume mounted here starts owned by the node's user
ENV IXBI_WORKERS_SCRATCH=/var/lib/ixbi/scratch
VOLUME ["/var/lib/ixbi/scratch"]
# the management port: health and metrics, no tasks
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["/opt/ixbi/healthcheck", "8081", "/actuator/health/liveness"]
ENTRYPOINT ["/opt/ixbi/entrypoint"]
