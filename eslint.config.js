// ESLint for the site's own browser scripts (site/static/js): plain scripts loaded with <script defer>,
// no modules and no build step, written in ES5 so that they parse in every browser the site supports.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    {
        files: ["site/static/**/*.js"],
        ...js.configs.recommended,
        languageOptions: {
            ecmaVersion: 5,
            sourceType: "script",
            globals: {
                ...globals.browser,
                // Leaflet, which map.js loads from our static files before it draws a map.
                L: "readonly",
            },
        },
        rules: {
            ...js.configs.recommended.rules,
            // ES5 has no `catch {}` without a binding: a caught error that is deliberately ignored still needs a name.
            "no-unused-vars": ["error", { caughtErrors: "none" }],
            eqeqeq: "error",
            strict: ["error", "function"],
        },
    },
];
