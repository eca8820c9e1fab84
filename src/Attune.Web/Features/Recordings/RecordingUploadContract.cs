using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// The upload's body and headers in the OpenAPI document. The handler reads the request itself (so that a
/// wrong content type is a 415 ProblemDetails rather than no route), which leaves the framework nothing
/// to describe; this says what it accepts.
/// </summary>
internal static class RecordingUploadContract
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var file = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The file's content: CSV or plain text." };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"The recording, at most {RecordingFiles.MaxBytes / (1024 * 1024)} MB.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = file },
                ["text/plain"] = new() { Schema = file },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            ["name"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["kind"] = Kind(),
                            ["sampleRateHz"] = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "ECG only: samples per second." },
                        },
                    },
                },
            },
        };

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            (parameter.Description, parameter.Schema) = parameter.Name switch
            {
                "kind" => ("What the file holds (default rr), or the X-Recording-Kind header.", Kind()),
                "sampleRateHz" => ("ECG only: samples per second, or the X-Sample-Rate-Hz header.", parameter.Schema),
                _ => (parameter.Description, parameter.Schema),
            };
        }
        operation.Parameters.Add(Header("X-Recording-Name", "The recording's name, percent-encoded UTF-8 (never in the address)."));
        operation.Parameters.Add(Header("X-File-Name", "The original file name, percent-encoded UTF-8."));
        operation.Parameters.Add(Header("X-Recording-Kind", "What the file holds, when not in the query."));
        operation.Parameters.Add(Header("X-Sample-Rate-Hz", "ECG only: samples per second, when not in the query."));
        return Task.CompletedTask;
    }

    private static OpenApiSchema Kind() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [JsonValue.Create("rr"), JsonValue.Create("heart-rate"), JsonValue.Create("ecg")],
    };

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
