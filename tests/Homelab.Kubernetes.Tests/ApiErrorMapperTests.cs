using System.Net;
using Homelab.Kubernetes.Errors;

namespace Homelab.Kubernetes.Tests;

public sealed class ApiErrorMapperTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequests", typeof(TransientApiException))]
    [InlineData(HttpStatusCode.GatewayTimeout, "ServerTimeout", typeof(TransientApiException))]
    [InlineData(HttpStatusCode.Gone, "Expired", typeof(ExpiredException))]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden", typeof(ForbiddenException))]
    [InlineData(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", typeof(UnsupportedMediaTypeException))]
    [InlineData(HttpStatusCode.Conflict, "AlreadyExists", typeof(AlreadyExistsException))]
    public void Status_reasons_map_to_typed_exceptions(HttpStatusCode code, string reason, Type expected)
    {
        var body = $$$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"server says no","reason":"{{{reason}}}","code":{{{(int)code}}},"details":{"retryAfterSeconds":3}}""";
        var error = ApiErrorMapper.Map(code, body, "configmaps", retryAfter: null);
        Assert.IsType(expected, error);
        Assert.Equal("server says no", error.Message);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(error is TransientApiException, error.IsTransient);
        if (error is TransientApiException transient)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), transient.RetryAfter);
        }
    }

    [Fact]
    public void A_body_that_is_not_a_Status_still_maps_by_code()
    {
        var error = ApiErrorMapper.Map(HttpStatusCode.ServiceUnavailable, "<html>bad gateway</html>", "pods", retryAfter: null);
        Assert.IsType<TransientApiException>(error);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_quoted_in_a_Secrets_validation_message_are_redacted()
    {
        const string body = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
             "message":"Secret \"s\" is invalid: data[token]: Invalid value: \"hunter2\": must be valid",
             "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"hunter2\": must be valid","field":"data[token]"}]}}
            """;
        var error = Assert.IsType<InvalidException>(ApiErrorMapper.Map(HttpStatusCode.UnprocessableEntity, body, "secrets", retryAfter: null));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Causes[0].Message, StringComparison.Ordinal);
        Assert.Equal("data[token]", error.Causes[0].Field);
    }
}
