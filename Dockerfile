# syntax=docker/dockerfile:1

# Build: restore first, on the project files alone, so that the package layer is cached between code changes.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (amd64, arm64): the publish compiles ahead of time (ReadyToRun, WebPortal.csproj) for it.
ARG TARGETARCH
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
# Release, restore included: the stand-in providers (sandbox/, OpenIddict's server) belong to Debug builds only, and
# NuGet's restore does not follow the configuration by itself.
COPY src/WebPortal/WebPortal.csproj src/WebPortal/
RUN dotnet restore src/WebPortal/WebPortal.csproj -a $TARGETARCH -p:Configuration=Release
COPY src/WebPortal/ src/WebPortal/
RUN dotnet publish src/WebPortal/WebPortal.csproj -a $TARGETARCH --self-contained false --configuration Release --no-restore --output /app

# Run: the ASP.NET Core runtime only, as an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# Production: the sandbox providers cannot be switched on here, whatever the configuration says.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Portal="Data Source=/app/App_Data/webportal.db" \
    Logs__Directory=/app/logs

# The MyOrganizer agenda is shown in Europe/Brussels time: the zone database must be there.
RUN if [ ! -e /usr/share/zoneinfo/Europe/Brussels ]; then \
      apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/*; \
    fi \
 && mkdir -p /app/App_Data /app/logs && chown -R app:app /app/App_Data /app/logs
USER app
VOLUME ["/app/App_Data", "/app/logs"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "WebPortal.dll"]
