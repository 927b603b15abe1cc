using System.Text;
using Aspire.Hosting.Publishing;
using k8s;
using k8s.Models;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Secrets in the Kubernetes output: the parameters (Redis' password, the streaming token key) live
/// in one Secret and reach containers only through <c>secretKeyRef</c>; values given at publish time
/// fill it, the others are listed for the deployment to supply; an external Redis replaces the
/// StatefulSet with a connection string that is itself a secret.
/// </summary>
public sealed class KubernetesSecretTests
{
    private static async Task<List<object>> ObjectsAsync(params (string Key, string Value)[] configuration)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var settings = configuration.ToDictionary(c => c.Key, c => c.Value);
        var rendered = KubernetesPublisher.Render(builder.Resources, key => settings.GetValueOrDefault(key));
        return rendered.Where(f => f.Key != "kustomization.yaml").SelectMany(f => KubernetesYaml.LoadAllFromString(f.Value)).ToList();
    }

    private static IEnumerable<V1Container> Containers(IEnumerable<object> objects) =>
        objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers)
            .Concat(objects.OfType<V1StatefulSet>().SelectMany(s => s.Spec.Template.Spec.Containers));

    [Fact]
    public async Task Every_secret_reference_names_a_key_the_parameters_secret_lists_and_no_config_map_holds_one()
    {
        var objects = await ObjectsAsync();

        var secret = Assert.Single(objects.OfType<V1Secret>());
        Assert.Equal(KubernetesPublisher.SecretName, secret.Metadata.Name);
        var listed = secret.Metadata.Annotations[KubernetesPublisher.KeysAnnotation].Split(',');
        Assert.Equal(["cache-password", "streaming-token-key"], listed);
        // Nothing secret is committed: values are supplied where the base is deployed.
        Assert.Null(secret.StringData);
        Assert.Null(secret.Data);

        var references = Containers(objects).SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>().ToList();
        Assert.All(references, r => Assert.Equal(KubernetesPublisher.SecretName, r.Name));
        Assert.Equal(listed, references.Select(r => r.Key).Distinct().Order());

        var configValues = objects.OfType<V1ConfigMap>().SelectMany(c => c.Data).ToList();
        Assert.DoesNotContain(configValues, v => v.Key is "Streaming__TokenKey" or "ConnectionStrings__cache" || v.Value.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Streaming_reads_its_token_key_and_composes_its_connection_string_from_the_secret()
    {
        var objects = await ObjectsAsync();

        var streaming = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "streaming").Spec.Template.Spec.Containers.Single();
        var env = streaming.Env.ToList();
        Assert.Equal("streaming-token-key", env.Single(e => e.Name == "Streaming__TokenKey").ValueFrom.SecretKeyRef.Key);
        var connection = env.FindIndex(e => e.Name == "ConnectionStrings__cache");
        var password = env.FindIndex(e => e.Name == "CACHE_PASSWORD");
        Assert.Equal("cache:6379,password=$(CACHE_PASSWORD)", env[connection].Value);
        Assert.Equal("cache-password", env[password].ValueFrom.SecretKeyRef.Key);
        // Kubernetes expands $(VAR) only from variables defined before it.
        Assert.True(password < connection);

        var legacy = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "legacy").Spec.Template.Spec.Containers.Single();
        Assert.Null(legacy.Env);
    }

    [Fact]
    public async Task Redis_requires_the_password_from_the_secret_and_its_probe_authenticates()
    {
        var objects = await ObjectsAsync();

        var redis = objects.OfType<V1StatefulSet>().Single().Spec.Template.Spec.Containers.Single();

        Assert.Equal(["--requirepass", "$(REDIS_PASSWORD)"], redis.Args.Take(2));
        Assert.Equal("cache-password", redis.Env.Single(e => e.Name == "REDIS_PASSWORD").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("$(REDIS_PASSWORD)", redis.Env.Single(e => e.Name == "REDISCLI_AUTH").Value);
        Assert.Equal(["redis-cli", "ping"], redis.ReadinessProbe.Exec.Command);
    }

    [Fact]
    public async Task Values_given_at_publish_time_fill_the_secret()
    {
        var objects = await ObjectsAsync(("Parameters:cache-password", "given0password"));

        var secret = objects.OfType<V1Secret>().Single();

        Assert.Equal(new Dictionary<string, string> { ["cache-password"] = "given0password" }, secret.StringData);
    }

    [Fact]
    public async Task An_external_redis_replaces_the_statefulset_and_its_connection_string_is_a_secret()
    {
        const string external = "redis.example.net:6380,password=elsewhere,ssl=true";
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var rendered = KubernetesPublisher.Render(builder.Resources, key => key == "ConnectionStrings:cache" ? external : null);
        var objects = rendered.Where(f => f.Key != "kustomization.yaml").SelectMany(f => KubernetesYaml.LoadAllFromString(f.Value)).ToList();

        Assert.False(rendered.ContainsKey("cache.yaml"));
        Assert.DoesNotContain("cache.yaml", rendered["kustomization.yaml"]);
        Assert.Empty(objects.OfType<V1StatefulSet>());
        var secret = objects.OfType<V1Secret>().Single();
        Assert.Equal(external, secret.StringData["ConnectionStrings__cache"]);
        Assert.DoesNotContain("cache-password", secret.Metadata.Annotations[KubernetesPublisher.KeysAnnotation]);
        var metadata = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "metadata").Spec.Template.Spec.Containers.Single();
        Assert.Equal("ConnectionStrings__cache", metadata.Env.Single(e => e.Name == "ConnectionStrings__cache").ValueFrom.SecretKeyRef.Key);
    }

    [Fact]
    public async Task Kustomize_renders_the_committed_base_and_an_overlay_as_the_readme_shows_fills_the_secret()
    {
        var overlay = Directory.CreateTempSubdirectory("k8s-overlay-");
        try
        {
            var basePath = Path.GetRelativePath(overlay.FullName, Path.Combine(RepositoryPaths.Root, "deploy", "k8s"));
            await File.WriteAllTextAsync(Path.Combine(overlay.FullName, "kustomization.yaml"), $"""
                resources:
                - {basePath}
                secretGenerator:
                - name: parameters
                  behavior: merge
                  literals:
                  - cache-password=overlay0password
                  - streaming-token-key=overlay0token0key
                """);

            var output = await MediaFiles.RunAsync("kubectl", ["kustomize", overlay.FullName]);

            var objects = KubernetesYaml.LoadAllFromString(output);
            var secret = objects.OfType<V1Secret>().Single();
            Assert.Equal("overlay0password", Encoding.UTF8.GetString(secret.Data["cache-password"]));
            Assert.Equal("overlay0token0key", Encoding.UTF8.GetString(secret.Data["streaming-token-key"]));
            // Whatever name kustomize gives the Secret, the references follow it.
            var references = Containers(objects).SelectMany(c => c.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>();
            Assert.All(references, r => Assert.Equal(secret.Metadata.Name, r.Name));
            Assert.Equal(3, objects.OfType<V1Deployment>().Count());
        }
        finally
        {
            overlay.Delete(recursive: true);
        }
    }
}
