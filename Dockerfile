# syntax=docker/dockerfile:1
# Build: docker build -t aicompare .
# Run:   docker run -p 8080:8080 -v aicompare-data:/data aicompare

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so this layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig AiCompare.sln ./
COPY src/AiCompare.Domain/AiCompare.Domain.csproj src/AiCompare.Domain/
COPY src/AiCompare.Data/AiCompare.Data.csproj src/AiCompare.Data/
COPY src/AiCompare.Web/AiCompare.Web.csproj src/AiCompare.Web/
RUN dotnet restore src/AiCompare.Web/AiCompare.Web.csproj
COPY src/ src/
COPY content/ content/
# The Web project copies content/ into the publish output (/app/content), the seed for an empty database.
RUN dotnet publish src/AiCompare.Web/AiCompare.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The database (and the email outbox when no SMTP host is set) lives on a volume owned by the image's non-root user.
RUN mkdir -p /data && chown "$APP_UID" /data
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__AiCompare="Data Source=/data/aicompare.db" \
    Content__Path=/app/content \
    Email__PickupDirectory=/data/outbox
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "AiCompare.Web.dll"]
