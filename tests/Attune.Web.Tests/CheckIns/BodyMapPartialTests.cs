using System.Xml.Linq;
using Attune.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.CheckIns;

/// <summary>The body map partial as the app renders it: well-formed SVG, with exactly the chosen regions marked.</summary>
public sealed class BodyMapPartialTests
{
    private const string PartialPath = "/Features/CheckIns/Vocabulary/_BodyMap.cshtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Body_map_marks_the_selected_regions_and_no_others()
    {
        var selected = new HashSet<string>(StringComparer.Ordinal) { "heart", "lower-back", "hand-left" };

        var svg = await RenderAsync(selected);

        var regions = svg.Descendants(Svg + "path").Where(p => p.Attribute("data-region") is not null).ToList();
        Assert.Equal(26, regions.Count);
        foreach (var region in regions)
        {
            var id = region.Attribute("data-region")!.Value;
            var expected = selected.Contains(id) ? "body-region is-selected" : "body-region";
            Assert.Equal(expected, region.Attribute("class")?.Value);
            Assert.False(string.IsNullOrWhiteSpace(region.Element(Svg + "title")?.Value), $"{id} has no title");
        }
        Assert.Equal(["Front", "Back"], svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("true", svg.Attribute("aria-hidden")?.Value);
    }

    [Fact]
    public async Task Body_map_with_nothing_selected_marks_nothing()
    {
        var svg = await RenderAsync(new HashSet<string>(StringComparer.Ordinal));

        Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("class")?.Value.Contains("is-selected", StringComparison.Ordinal) == true);
    }

    private static async Task<XElement> RenderAsync(IReadOnlySet<string> selected)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var httpContext = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(httpContext, new RouteData(), new ActionDescriptor());
        var view = services.GetRequiredService<IRazorViewEngine>()
            .GetView(executingFilePath: null, viewPath: PartialPath, isMainPage: false)
            .EnsureSuccessful(originalLocations: null)
            .View ?? throw new InvalidOperationException($"{PartialPath} was not found.");
        var viewData = new ViewDataDictionary<IReadOnlySet<string>>(new EmptyModelMetadataProvider(), new ModelStateDictionary())
        {
            Model = selected,
        };
        var tempData = new TempDataDictionary(httpContext, services.GetRequiredService<ITempDataProvider>());
        await using var writer = new StringWriter();

        await view.RenderAsync(new ViewContext(actionContext, view, viewData, tempData, writer, new HtmlHelperOptions()));

        return XElement.Parse(writer.ToString());
    }
}
