namespace OciRuntime.Oci; internal static class Placeholder { }
