namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>Twilio-shaped answers (from the spec examples), with the parts a test varies as parameters.</summary>
internal static class TwilioBodies
{
    public static string Account(string status = "active", string type = "Full", string sid = TwilioTestHost.AccountSid,
        string friendlyName = "Acme Prod", string authToken = TwilioTestHost.AuthToken) => $$"""
        {"auth_token":"{{authToken}}","date_created":"Thu, 30 Jul 2015 20:00:00 +0000","date_updated":"Fri, 31 Jul 2015 21:30:15 -0700",
         "friendly_name":"{{friendlyName}}","owner_account_sid":"{{sid}}","sid":"{{sid}}","status":"{{status}}",
         "subresource_uris":{"messages":"/2010-04-01/Accounts/{{sid}}/Messages.json"},"type":"{{type}}",
         "uri":"/2010-04-01/Accounts/{{sid}}.json"}
        """;

    public static string Service(string accountSid = TwilioTestHost.AccountSid, string sid = TwilioTestHost.ServiceSid) => $$"""
        {"account_sid":"{{accountSid}}","sid":"{{sid}}","date_created":"2015-07-30T20:12:31Z","date_updated":"2015-07-30T20:12:33Z",
         "friendly_name":"My Service!","inbound_request_url":"https://www.example.com/","inbound_method":"POST","fallback_url":null,
         "sticky_sender":true,"validity_period":600,"links":{"phone_numbers":"x"},"url":"https://messaging.twilio.com/v1/Services/{{sid}}"}
        """;

    public static string IncomingNumbers(string? nextPageUri, params string[] numbers) => $$"""
        {"end":0,"first_page_uri":"/2010-04-01/Accounts/{{TwilioTestHost.AccountSid}}/IncomingPhoneNumbers.json?PageSize=50&Page=0",
         "incoming_phone_numbers":[{{string.Join(",", numbers.Select((n, i) => IncomingNumber(n, i)))}}],
         "next_page_uri":{{Quote(nextPageUri)}},"page":0,"page_size":50,"previous_page_uri":null,"start":0,
         "uri":"/2010-04-01/Accounts/{{TwilioTestHost.AccountSid}}/IncomingPhoneNumbers.json?PageSize=50&Page=0"}
        """;

    private static string IncomingNumber(string number, int index) => $$"""
        {"account_sid":"{{TwilioTestHost.AccountSid}}","capabilities":{"voice":true,"sms":true,"mms":false,"fax":false},
         "date_created":"Thu, 30 Jul 2015 23:19:04 +0000","friendly_name":"n{{index}}","phone_number":"{{number}}",
         "sid":"PN{{index:D32}}","sms_application_sid":"","status":"in-use","type":"local"}
        """;

    public static string ShortCodes(params string[] codes) => $$"""
        {"end":0,"next_page_uri":null,"page":0,"page_size":50,"previous_page_uri":null,"start":0,
         "short_codes":[{{string.Join(",", codes.Select((c, i) => $$"""{"account_sid":"{{TwilioTestHost.AccountSid}}","short_code":"{{c}}","sid":"SC{{i:D32}}","friendly_name":"sc","date_created":"Thu, 01 Apr 2010 00:00:00 +0000"}"""))}}],
         "uri":"/2010-04-01/Accounts/{{TwilioTestHost.AccountSid}}/SMS/ShortCodes.json"}
        """;

    public static string ServicePhoneNumbers(string? nextPageUrl, params string[] numbers) => $$"""
        {"meta":{"page":0,"page_size":50,"first_page_url":"https://messaging.twilio.com/v1/Services/{{TwilioTestHost.ServiceSid}}/PhoneNumbers?PageSize=50&Page=0",
          "previous_page_url":null,"next_page_url":{{Quote(nextPageUrl)}},"key":"phone_numbers",
          "url":"https://messaging.twilio.com/v1/Services/{{TwilioTestHost.ServiceSid}}/PhoneNumbers?PageSize=50&Page=0"},
         "phone_numbers":[{{string.Join(",", numbers.Select((n, i) => $$"""{"account_sid":"{{TwilioTestHost.AccountSid}}","service_sid":"{{TwilioTestHost.ServiceSid}}","sid":"PN{{i:D32}}","phone_number":"{{n}}","country_code":"US","capabilities":["SMS","MMS"]}"""))}}]}
        """;

    public static string ServiceShortCodes(params string[] codes) => $$"""
        {"meta":{"page":0,"page_size":50,"first_page_url":"https://messaging.twilio.com/v1/Services/{{TwilioTestHost.ServiceSid}}/ShortCodes?PageSize=50&Page=0",
          "previous_page_url":null,"next_page_url":null,"key":"short_codes",
          "url":"https://messaging.twilio.com/v1/Services/{{TwilioTestHost.ServiceSid}}/ShortCodes?PageSize=50&Page=0"},
         "short_codes":[{{string.Join(",", codes.Select((c, i) => $$"""{"account_sid":"{{TwilioTestHost.AccountSid}}","service_sid":"{{TwilioTestHost.ServiceSid}}","sid":"SC{{i:D32}}","short_code":"{{c}}","country_code":"US","capabilities":["SMS"]}"""))}}]}
        """;

    public static string Message(string sid = "SM0123456789abcdef0123456789abcdef", string status = "accepted") => $$"""
        {"account_sid":"{{TwilioTestHost.AccountSid}}","api_version":"2010-04-01","body":"Hello","date_created":"Thu, 24 Aug 2023 05:01:45 +0000",
         "date_sent":null,"date_updated":"Thu, 24 Aug 2023 05:01:45 +0000","direction":"outbound-api","error_code":null,"error_message":null,
         "from":null,"messaging_service_sid":"{{TwilioTestHost.ServiceSid}}","num_media":"0","num_segments":"1","price":null,"price_unit":null,
         "sid":"{{sid}}","status":"{{status}}","to":"+14155550199","uri":"/2010-04-01/Accounts/{{TwilioTestHost.AccountSid}}/Messages/{{sid}}.json"}
        """;

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";
}
