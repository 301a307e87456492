global using OciRuntime.IntegrationTests.Support;
