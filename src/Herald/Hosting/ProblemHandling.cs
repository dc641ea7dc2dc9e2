using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Hosting;

/// <summary>Answers every error as problem+json: <see cref="HeraldProblem"/> with its status, bad JSON as 400, anything else as 500 without internals.</summary>
internal sealed class ProblemHandling(IProblemDetailsService problems, ILogger<ProblemHandling> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails details;
        switch (exception)
        {
            case HeraldProblem p:
                details = new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Detail };
                foreach (var (key, value) in p.Extensions)
                {
                    details.Extensions[key] = value;
                }
                break;
            case BadHttpRequestException or JsonException:
                details = new ProblemDetails { Status = 400, Title = "Malformed request", Detail = exception is BadHttpRequestException { InnerException: JsonException je } ? je.Message : exception.Message };
                break;
            default:
                log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                details = new ProblemDetails { Status = 500, Title = "Internal error", Detail = "Something went wrong in Herald; the error is in its log." };
                break;
        }
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
