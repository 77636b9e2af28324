# syntax=docker/dockerfile:1
# The FHIR bridge: ghcr.io/ixbi/ixbi-fhir-bridge. From the repository's root, after ./mvnw -B -DskipTests package:
#   docker build -f deploy/images/fhir-bridge.Dockerfile -t ghcr.io/ixbi/ixbi-fhir-bridge:0.1.0 .
FROM eclipse-temurin:17.0.16_8-jre-noble

RUN groupadd --system --gid 10001 ixbi \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin ixbi

COPY --chmod=0755 deploy/images/ixbi-entrypoint.sh /opt/ixbi/entrypoint
COPY --chmod=0755 deploy/images/ixbi-healthcheck.sh /opt/ixbi/healthcheck
COPY --chmod=0644 fhir-bridge/target/ixbi-fhir-bridge.jar /opt/ixbi/app.jar

USER 10001:10001
WORKDIR /opt/ixbi
EXPOSE 8092
# HAPI loads its structure definitions at start
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD ["/opt/ixbi/healthcheck", "8092", "/actuator/health"]
ENTRYPOINT ["/opt/ixbi/entrypoint"]
