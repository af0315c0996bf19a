using FlexPower.Core.Common;
using FlexPower.Core.Import;
using Microsoft.OpenApi;

namespace FlexPower.Web.Api;

/// <summary>The CSV of an import request: a multipart field 'file', or the body itself as text/csv.</summary>
internal static class UploadedFile
{
    public static async Task<(Stream Content, string FileName)> OpenAsync(HttpRequest request, string? fileName, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new ValidationFailedException("The multipart body is malformed (a missing or wrong boundary, or a cut-off part): send the CSV as multipart field 'file', or as a text/csv body.");
            }
            var file = form.Files["file"] ?? throw new ValidationFailedException("The multipart body has no field 'file': send the CSV as field 'file'.");
            return (file.OpenReadStream(), ImportFileName.Of(fileName ?? file.FileName, "file_name"));
        }
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not ("text/csv" or "text/plain" or "application/octet-stream"))
            throw new ValidationFailedException($"Unsupported Content-Type '{Echo.Value(request.ContentType)}': send the CSV as a text/csv body (file name in ?file_name=) or as multipart field 'file'.");
        return (request.Body, ImportFileName.Of(fileName, "file_name"));
    }

    /// <summary>
    /// States in the OpenAPI document the body <see cref="OpenAsync"/> takes: the endpoint reads it by hand, so the framework
    /// cannot describe it. <paramref name="description"/> names the file's columns, <paramref name="example"/> is a text/csv body.
    /// </summary>
    public static RouteHandlerBuilder AcceptsUploadedFile(this RouteHandlerBuilder endpoint, string description, string example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = example },
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
