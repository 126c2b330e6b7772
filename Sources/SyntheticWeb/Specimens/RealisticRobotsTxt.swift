/// A large robots.txt written the way big sites write theirs, for
/// `RobotsTxtSpecimen.realistic`: groups that shut out named bots, then a
/// `*` group of 1,000 rules. Most are literal prefixes, as in an
/// encyclopedia's file (namespace pages, each also spelled with `%3A`);
/// 50 use wildcards the way shops and CMSs do (faceted navigation, sort
/// and session parameters, file types, print and feed views).
enum RealisticRobotsTxt {
    static let body: String = {
        var lines: [String] = []
        for bot in ["UbiCrawler", "Zealbot", "MSIECrawler", "SiteSnagger", "WebStripper", "WebCopier", "Teleport", "WebZIP",
                    "HTTrack", "Xenu", "larbin", "ZyBORG", "grub-client", "k2spider", "NPBot", "WebReaper"] {
            lines += ["User-agent: \(bot)", "Disallow: /", ""]
        }
        lines.append("User-agent: *")
        lines += systemRules + wildcardRules
        var namespaceRules: [String] = []
        outer: for namespace in namespaces {
            for page in pages {
                if namespaceRules.count + systemRules.count + wildcardRules.count >= ruleCount { break outer }
                namespaceRules.append("Disallow: /wiki/\(namespace):\(page)/")
                namespaceRules.append("Disallow: /wiki/\(namespace)%3A\(page)/")
            }
        }
        lines += namespaceRules
        lines += ["", "Sitemap: https://www.example.org/sitemap.xml", ""]
        return lines.joined(separator: "\n")
    }()

    static let ruleCount = 1_000

    /// An article with a long tracking query, 2 KiB in all, that no rule
    /// of the file matches: every rule has to be tried.
    static let path: String = {
        var path = "/wiki/History_of_the_Hanseatic_League_in_the_Baltic_region?ref=newsletter"
        var index = 0
        while path.utf8.count < RobotsTxtSpecimen.realisticPathLength {
            path += "&ctx\(index)=" + ["north", "baltic", "trade", "lubeck", "visby", "riga", "cog", "kontor"][index % 8]
            index += 1
        }
        return String(path.utf8.prefix(RobotsTxtSpecimen.realisticPathLength))!
    }()

    private static let systemRules = [
        "Allow: /w/api.php?action=mobileview&", "Allow: /w/load.php?", "Allow: /api/rest_v1/?doc",
        "Disallow: /w/", "Disallow: /api/", "Disallow: /trap/", "Disallow: /admin", "Disallow: /cart", "Disallow: /orders",
        "Disallow: /checkout", "Disallow: /checkouts/", "Disallow: /account", "Disallow: /search", "Disallow: /policies/",
        "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php", "Disallow: /cgi-bin/", "Disallow: /tmp/",
        "Disallow: /private/", "Disallow: /index.php?title=Special:",
    ]

    private static let wildcardRules = [
        "Disallow: /collections/*sort_by*", "Disallow: /*/collections/*sort_by*", "Disallow: /collections/*+*",
        "Disallow: /collections/*%2B*", "Disallow: /*/collections/*+*", "Disallow: /*/collections/*%2B*",
        "Disallow: */collections/*filter*&*filter*", "Disallow: /blogs/*+*", "Disallow: /blogs/*%2B*",
        "Disallow: /*/blogs/*+*", "Disallow: /*/blogs/*%2B*", "Disallow: /*?*oseid=*", "Disallow: /*preview_theme_id*",
        "Disallow: /*preview_script_id*", "Disallow: /*/*?*ls=*&ls=*", "Disallow: /*/*?*ls%3D*%3Fls%3D*",
        "Disallow: /*?*variant=*", "Disallow: /*?*q=*", "Disallow: /*?*sort_by*", "Disallow: /*.pdf$", "Disallow: /*.doc$",
        "Disallow: /*.xls$", "Disallow: /*.zip$", "Disallow: /*?replytocom", "Disallow: /*/feed/", "Disallow: /*/trackback/",
        "Disallow: /*?s=", "Disallow: /*&s=", "Disallow: /*?p=", "Disallow: /*?print=", "Disallow: /*?share=",
        "Disallow: /*add-to-cart=*", "Disallow: /*?orderby=", "Disallow: /*?filter_", "Disallow: /*?min_price=",
        "Disallow: /*?max_price=", "Disallow: /*/print$", "Disallow: /*.json$", "Disallow: /*?format=json",
        "Disallow: /*/amp/", "Disallow: /*?amp", "Disallow: /*sessionid=", "Disallow: /*PHPSESSID",
        "Disallow: /*?action=edit", "Disallow: /*?action=history", "Disallow: /*&action=raw", "Disallow: /*?oldid=",
        "Disallow: /*?diff=", "Disallow: /*printable=yes", "Allow: /*.css$",
    ]

    private static let namespaces = [
        "Special", "Spezial", "Especial", "Speciale", "Speciaal", "Specjalna", "Wikipedia", "Wikipedia_talk",
        "Wikipedia_Diskussion", "User", "User_talk", "Benutzer", "Utente", "Usuario", "Gebruiker", "MediaWiki",
        "MediaWiki_talk", "Template_talk", "Portal", "Category", "Kategorie", "Categoria", "Help", "Hilfe", "Aide",
        "Project", "Progetto", "Draft", "Module", "Talk",
    ]

    private static let pages = [
        "Search", "Random", "RecentChanges", "Articles_for_deletion", "Votes_for_deletion", "Pages_for_deletion",
        "Miscellany_for_deletion", "Copyright_problems", "Protected_titles", "Requests_for_arbitration",
        "Requests_for_comment", "Requests_for_adminship", "Changing_username", "Spam-blacklist", "Checkuser",
        "Administrators", "Sandbox", "Login", "CreateAccount", "Export", "WhatLinksHere",
    ]
}
