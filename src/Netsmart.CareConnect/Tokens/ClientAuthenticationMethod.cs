namespace Netsmart.CareConnect;

/// <summary>How a client authenticates at the token endpoint.</summary>
public enum ClientAuthenticationMethod
{
    /// <summary>A public client: sends only <c>client_id</c> (patient apps with PKCE).</summary>
    None = 0,

    /// <summary><c>client_secret_basic</c>: HTTP Basic with the form-encoded client id and secret.</summary>
    ClientSecretBasic = 1,

    /// <summary><c>private_key_jwt</c>: a signed client assertion (RS384 or ES384), as SMART Backend Services require.</summary>
    PrivateKeyJwt = 2,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body, for servers that do not take Basic.</summary>
    ClientSecretPost = 3,
}
