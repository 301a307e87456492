using System.Text.Json.Serialization;

namespace OciRuntime.Oci.Json;

/// <summary>
/// Source-generated metadata for every document the runtime reads or writes: reflection-based
/// serialization is unavailable under NativeAOT. Use it through <see cref="OciJson"/>, which adds the
/// Go-compatible omitempty and map-ordering rules on top.
/// </summary>
/// <remarks>
/// Metadata mode only: the fast-path serializers that the default mode also emits would bypass the
/// contract modifiers in <see cref="GoContract"/>.
/// Case-insensitive names and no numbers-as-strings mirror Go's encoding/json, which runc uses.
/// </remarks>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(State))]
[JsonSerializable(typeof(ContainerProcessState))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(List<ContainerState>))]
[JsonSerializable(typeof(Features))]
[JsonSerializable(typeof(List<int>))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
