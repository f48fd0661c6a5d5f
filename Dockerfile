# The app image, for people who have Docker (docker compose up). Nothing in the tests needs it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# ReadyToRun, as scripts/publish.sh builds it everywhere else (issue 17: start-up without JIT-compiling the app).
RUN scripts/publish.sh /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Evidence__Root=/var/lib/adpolicy/evidence
VOLUME /var/lib/adpolicy/evidence
EXPOSE 8080
ENTRYPOINT ["dotnet", "AdPolicy.Web.dll"]
