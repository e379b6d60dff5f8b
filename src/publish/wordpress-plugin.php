<?php
/**
 * Plugin Name: newsbrief
 * Description: Lets `newsbrief publish --to wordpress` link the FR, NL and EN posts of one brief and find them again. Install as wp-content/mu-plugins/newsbrief.php.
 * Version: 1
 * License: MIT
 *
 * Registers three post meta fields in the REST API:
 *   newsbrief_translation_key  shared by the locales of one article
 *   newsbrief_locale           fr, nl or en
 *   newsbrief_content_hash     a hash of what newsbrief stored: a change means an update
 * and lets GET /wp/v2/posts filter by them:
 *   ?newsbrief_translation_key=<key>&newsbrief_locale=<locale>   the posts of one brief
 *   ?newsbrief_managed=1                                         every post newsbrief published
 * Registered meta is readable by anyone on published posts: nothing secret goes there.
 */

defined('ABSPATH') || exit;

const NEWSBRIEF_META_KEYS = array('newsbrief_translation_key', 'newsbrief_locale', 'newsbrief_content_hash');

add_action('init', function () {
    foreach (NEWSBRIEF_META_KEYS as $key) {
        register_post_meta('post', $key, array(
            'type' => 'string',
            'single' => true,
            'default' => '',
            'show_in_rest' => true,
            'auth_callback' => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
        ));
    }
});

add_filter('rest_post_query', function ($args, $request) {
    $clauses = array();
    foreach (array('newsbrief_translation_key', 'newsbrief_locale') as $key) {
        $value = $request->get_param($key);
        if (is_string($value) && $value !== '') {
            $clauses[] = array('key' => $key, 'value' => $value, 'compare' => '=');
        }
    }
    if ($request->get_param('newsbrief_managed')) {
        $clauses[] = array('key' => 'newsbrief_translation_key', 'compare' => 'EXISTS');
    }
    if ($clauses) {
        $clauses['relation'] = 'AND';
        $args['meta_query'] = isset($args['meta_query']) ? array('relation' => 'AND', $args['meta_query'], $clauses) : $clauses;
    }
    return $args;
}, 10, 2);
